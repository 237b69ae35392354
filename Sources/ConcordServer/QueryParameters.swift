import ConcordCore
import Hummingbird

/// A request's query string, decoded strictly: `+` is a space, every `%XX` must be two hex digits, and the
/// decoded bytes must be UTF-8. What Hummingbird's lenient `queryParameters` would pass through unchanged is a
/// `bad_parameter` here, so a client never gets an answer to a question it did not ask.
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    /// Parses a query string (what follows `?`).
    ///
    /// - Throws: `ConcordError.badParameter` for broken percent-encoding, invalid UTF-8, or a parameter given twice.
    init(query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0], what: "a parameter name")
            let value = parts.count > 1 ? try Self.decode(parts[1], what: "parameter \(name)") : ""
            guard values[name] == nil else {
                throw ConcordError(.badParameter, "parameter \(name) is given more than once")
            }
            values[name] = value
        }
    }

    /// The value of `name`, or `nil` when absent.
    subscript(_ name: String) -> String? { values[name] }

    /// A required, non-blank text parameter.
    func text(_ name: String) throws -> String {
        guard let value = values[name] else { throw ConcordError(.badParameter, "parameter \(name) is required") }
        guard value.contains(where: { !$0.isWhitespace }) else {
            throw ConcordError(.badParameter, "parameter \(name) is empty")
        }
        return value
    }

    /// An optional text parameter that, when given, must not be blank.
    func optionalText(_ name: String) throws -> String? {
        values[name] == nil ? nil : try text(name)
    }

    /// An optional whole number: digits only (an optional sign), within `Int`.
    func integer(_ name: String) throws -> Int? {
        guard let value = values[name] else { return nil }
        guard let number = Int(value) else {
            throw ConcordError(.badParameter, "parameter \(name) must be a whole number, not '\(Self.clipped(value))'")
        }
        return number
    }

    /// An optional boolean: `true`/`false`, `1`/`0` or `yes`/`no`, exactly as written here (as OpenAPI documents).
    func boolean(_ name: String) throws -> Bool? {
        guard let value = values[name] else { return nil }
        switch value {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            throw ConcordError(
                .badParameter, "parameter \(name) must be true or false (or 1/0, yes/no), not '\(Self.clipped(value))'")
        }
    }

    /// Percent-decodes `text` (with `+` as a space) and checks it is UTF-8.
    static func decode(_ text: Substring, what: String, plusIsSpace: Bool = true) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw ConcordError(.badParameter, "\(what) has a broken percent-encoding")
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw ConcordError(.badParameter, "\(what) is not valid UTF-8")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A value short enough to quote in an error message.
    static func clipped(_ value: String) -> String {
        value.count > 40 ? String(value.prefix(40)) + "…" : value
    }
}

extension Request {
    /// The query string, strictly decoded (``QueryParameters``).
    func parameters() throws -> QueryParameters { try QueryParameters(query: uri.query) }
}

extension BasicRequestContext {
    /// The path parameter `name`, percent-decoded (a `+` in a path stays a `+`).
    func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else {
            throw ConcordError(.badParameter, "missing path parameter \(name)")
        }
        let value = try QueryParameters.decode(raw[...], what: "the \(name) in the path", plusIsSpace: false)
        guard !value.isEmpty else { throw ConcordError(.badParameter, "the \(name) in the path is empty") }
        return value
    }
}
