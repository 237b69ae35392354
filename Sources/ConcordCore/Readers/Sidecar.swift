import Foundation

/// A document's metadata sidecar: `FILE.meta.json` beside `FILE` (for `report.txt`, `report.txt.meta.json`),
/// holding CSL-JSON fields (SPEC "Documents, passages, locations").
///
/// Read fields: `title`, `author`, `container-title`, `publisher`, `issued`, `URL` (or `url`), `language`,
/// `note`; others are ignored. Tolerated beyond strict CSL-JSON: a one-item array around the object; `author`
/// as a list of `{family, given}`, `{literal}` or plain strings, or one string; `issued` as
/// `{"date-parts": [[2024, 5, 30]]}` (numbers or numeric strings), `{"raw": "2024-05-30"}`, a plain
/// `"2024-05-30"` string or a year number.
public enum Sidecar {
    /// The largest sidecar read, in bytes.
    static let sizeLimit = 1 << 20

    /// The sidecar's location for `file`.
    public static func url(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".meta.json")
    }

    /// What reading a sidecar gave: its bytes, nil when there is none, or why it could not be read.
    typealias Read = Result<[UInt8]?, ReadError>

    /// Reads `file`'s sidecar; errors are kept for `metadata(_:for:)` to report.
    static func read(for file: URL) -> Read {
        do {
            return .success(try FileInput.read(url(for: file), limit: sizeLimit))
        } catch where error.kind == .missing {
            return .success(nil)
        } catch {
            return .failure(error)
        }
    }

    /// The metadata in `file`'s sidecar, or nil when it has none.
    ///
    /// Throws `ReadError` `.badSidecar`, naming the sidecar, when it cannot be read or is not a CSL-JSON object
    /// with fields of the right types.
    public static func load(for file: URL) throws -> CitationMetadata? {
        try metadata(read(for: file), for: file)
    }

    /// The metadata of `file`'s sidecar as `read` gave it (`load(for:)`, which reads it).
    static func metadata(_ read: Read, for file: URL) throws(ReadError) -> CitationMetadata? {
        let name = url(for: file).lastPathComponent
        switch read {
        case .success(nil): return nil
        case .success(let bytes?): return try decode(Data(bytes), name: name)
        case .failure(let error): throw ReadError(.badSidecar, "bad sidecar \(name): \(error.reason)")
        }
    }

    /// The metadata of a sidecar's bytes; `name` is the sidecar's, for the error.
    static func decode(_ data: Data, name: String) throws(ReadError) -> CitationMetadata {
        func bad(_ reason: String) -> ReadError { ReadError(.badSidecar, "bad sidecar \(name): \(reason)") }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw bad("invalid JSON (\(error.localizedDescription))")
        }
        var object = json as? [String: Any]
        if let array = json as? [Any], array.count == 1 { object = array.first as? [String: Any] }
        guard let object else { throw bad("expected a JSON object of CSL-JSON fields") }

        func string(_ key: String) throws(ReadError) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw bad("\"\(key)\" must be a string") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }

        var metadata = CitationMetadata()
        metadata.title = try string("title")
        metadata.containerTitle = try string("container-title")
        metadata.publisher = try string("publisher")
        let url = try string("URL")
        let lowerCaseURL = try string("url")
        metadata.url = url ?? lowerCaseURL
        metadata.language = try string("language")
        metadata.note = try string("note")
        if let author = object["author"], !(author is NSNull) {
            guard let names = authors(author) else {
                throw bad("\"author\" must be a list of {\"family\", \"given\"} or {\"literal\"} names")
            }
            metadata.author = names
        }
        if let issued = object["issued"], !(issued is NSNull) {
            guard let date = date(issued) else {
                throw bad("\"issued\" must be {\"date-parts\": [[year, month, day]]} or a \"YYYY-MM-DD\" string")
            }
            metadata.issued = date
        }
        return metadata
    }

    private static func authors(_ value: Any) -> [PersonName]? {
        if let text = value as? String { return PersonName.readerParsed(from: text).map { [$0] } ?? [] }
        if let object = value as? [String: Any] { return name(object).map { [$0] } }
        guard let list = value as? [Any] else { return nil }
        var names: [PersonName] = []
        for entry in list {
            if let text = entry as? String {
                if let name = PersonName.readerParsed(from: text) { names.append(name) }
            } else if let object = entry as? [String: Any], let name = name(object) {
                names.append(name)
            } else {
                return nil
            }
        }
        return names
    }

    private static func name(_ object: [String: Any]) -> PersonName? {
        func field(_ key: String) -> String? {
            (object[key] as? String).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let name = PersonName(family: field("family"), given: field("given"), literal: field("literal"))
        if name.family == nil && name.given == nil && name.literal == nil {
            return field("name").flatMap { PersonName.readerParsed(from: $0) }
        }
        return name
    }

    private static func date(_ value: Any) -> DateParts? {
        if let text = value as? String { return DateParts.readerParsed(from: text) }
        if let year = value as? Int { return DateParts(year: year) }
        guard let object = value as? [String: Any] else { return nil }
        if let parts = object["date-parts"] as? [Any] {
            var ranges: [[Int]] = []
            for part in parts {
                guard let numbers = part as? [Any], !numbers.isEmpty, numbers.count <= 3 else { return nil }
                var values: [Int] = []
                for number in numbers {
                    if let int = number as? Int {
                        values.append(int)
                    } else if let text = number as? String, let int = Int(text.trimmingCharacters(in: .whitespaces)) {
                        values.append(int)
                    } else {
                        return nil
                    }
                }
                ranges.append(values)
            }
            return ranges.isEmpty ? nil : DateParts(dateParts: ranges)
        }
        for key in ["raw", "literal"] {
            if let text = object[key] as? String { return DateParts.readerParsed(from: text) }
        }
        return nil
    }
}
