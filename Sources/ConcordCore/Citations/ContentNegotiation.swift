import Foundation

/// Chooses the representation of a `/cite` response from a `format=` value or an `Accept` header, the way DOI
/// content negotiation does (SPEC "HTTP"): pure, so the server only maps its error to a status.
///
/// `format=` wins over `Accept`. Within `Accept` (RFC 9110 §12.5.1), each supported representation takes the `q`
/// of the most specific range matching it (`type/subtype;style=…` over `type/subtype` over `type/*` over `*/*`);
/// `q=0` rules it out. The highest `q` wins; ties go to the more specific range, then to the range the client
/// listed first, then to the order of ``supportedMediaTypes``. Parameters other than `q` and, on
/// `text/x-bibliography`, `style` (for example `charset` or `locale`) are ignored.
public enum ContentNegotiation {
    /// A media type the server can produce, in the server's order of preference.
    private struct Offer {
        var type: String
        var subtype: String
        /// Set for `text/x-bibliography`: the style a `style=` parameter must name.
        var style: CitationStyle?
        var representation: CitationRepresentation
    }

    private static let offers: [Offer] = [
        Offer(type: "application", subtype: "json", style: nil, representation: .default),
        Offer(
            type: "application", subtype: "vnd.citationstyles.csl+json", style: nil, representation: .rendered(.cslJSON)
        ),
        // DOI resolvers also answer to citeproc's older name for CSL-JSON.
        Offer(type: "application", subtype: "citeproc+json", style: nil, representation: .rendered(.cslJSON)),
        Offer(type: "application", subtype: "x-bibtex", style: nil, representation: .rendered(.bibtex)),
        Offer(type: "application", subtype: "x-research-info-systems", style: nil, representation: .rendered(.ris)),
        Offer(type: "text", subtype: "x-bibliography", style: .apa, representation: .rendered(.apa)),
        Offer(type: "text", subtype: "x-bibliography", style: .chicago, representation: .rendered(.chicago)),
        Offer(type: "text", subtype: "x-bibliography", style: .mla, representation: .rendered(.mla)),
    ]

    /// The media types an `Accept` header may name, for error messages and the OpenAPI document.
    public static let supportedMediaTypes: [String] = [
        "application/json",
        CitationStyle.cslJSON.mediaType,
        CitationStyle.bibtex.mediaType,
        CitationStyle.ris.mediaType,
        "text/x-bibliography; style=apa|chicago-author-date|modern-language-association",
    ]

    /// The values `format=` accepts (style aliases such as `chicago-author-date` work too).
    public static let supportedFormats: [String] = ["json"] + CitationStyle.allCases.map(\.rawValue)

    /// Chooses the representation for a request.
    ///
    /// - Parameters:
    ///   - accept: the `Accept` header, or `nil` when absent; absent, empty or wholly unparsable means
    ///     the default (`application/json`).
    ///   - format: the `format=` query value, or `nil`: a style name (``CitationStyle/init(name:)``), `json`, or
    ///     a media type as `Accept` would name it. When given it decides alone.
    /// - Throws: ``RepresentationError`` (`.unknownFormat` or `.notAcceptable`) listing what is supported.
    public static func representation(accept: String?, format: String? = nil) throws -> CitationRepresentation {
        if let format, !format.trimmingCharacters(in: .whitespaces).isEmpty {
            return try representation(format: format)
        }
        guard let accept else { return .default }
        let ranges = parseRanges(accept)
        if ranges.isEmpty { return .default }
        if let chosen = best(for: ranges) { return chosen }
        throw RepresentationError(kind: .notAcceptable, requested: accept, supported: supportedMediaTypes)
    }

    private static func representation(format: String) throws -> CitationRepresentation {
        let trimmed = format.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "json" { return .default }
        if let style = CitationStyle(name: trimmed) { return .rendered(style) }
        if trimmed.contains("/") {
            let ranges = parseRanges(trimmed).filter { $0.quality > 0 }
            if let chosen = best(for: ranges) { return chosen }
        }
        throw RepresentationError(kind: .unknownFormat, requested: format, supported: supportedFormats)
    }

    // MARK: - Accept parsing

    /// One media range of an `Accept` header.
    private struct MediaRange {
        var type: String
        var subtype: String
        /// Parameters other than `q`, names lowercased.
        var parameters: [String: String]
        var quality: Double
        var position: Int
    }

    /// Splits an `Accept` header into media ranges, dropping any that cannot be parsed (no `/`, a bad `q`).
    private static func parseRanges(_ header: String) -> [MediaRange] {
        var ranges: [MediaRange] = []
        for (position, element) in splitOutsideQuotes(header, on: ",").enumerated() {
            let pieces = splitOutsideQuotes(element, on: ";")
            guard let first = pieces.first else { continue }
            let mediaType = first.trimmingCharacters(in: .whitespaces).lowercased()
            let typeParts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
            guard typeParts.count == 2, !typeParts[0].isEmpty, !typeParts[1].isEmpty else { continue }
            let type = String(typeParts[0])
            let subtype = String(typeParts[1])
            // `*/json` is not a media range.
            if type == "*" && subtype != "*" { continue }
            var parameters: [String: String] = [:]
            var quality = 1.0
            var valid = true
            for piece in pieces.dropFirst() {
                let pair = piece.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = String(value.dropFirst().dropLast())
                }
                if name == "q" {
                    guard let q = Double(value), q >= 0, q <= 1 else {
                        valid = false
                        break
                    }
                    quality = q
                    // Anything after `q` is an accept-extension, not a media type parameter.
                    break
                }
                parameters[name] = value
            }
            guard valid else { continue }
            ranges.append(
                MediaRange(type: type, subtype: subtype, parameters: parameters, quality: quality, position: position))
        }
        return ranges
    }

    /// Splits on `separator` except inside double-quoted strings.
    private static func splitOutsideQuotes(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if inQuotes && character == "\\" {
                escaped = true
                current.append(character)
                continue
            }
            if character == "\"" { inQuotes.toggle() }
            if character == separator && !inQuotes {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    // MARK: - Matching

    /// How specifically `range` names `offer`, or `nil` when it does not match it.
    private static func specificity(of range: MediaRange, for offer: Offer) -> Int? {
        if range.type == "*" { return 0 }
        guard range.type == offer.type else { return nil }
        if range.subtype == "*" { return 1 }
        guard range.subtype == offer.subtype else { return nil }
        if let offeredStyle = offer.style, let named = range.parameters["style"] {
            guard CitationStyle(name: named) == offeredStyle else { return nil }
            return 3
        }
        return 2
    }

    private static func best(for ranges: [MediaRange]) -> CitationRepresentation? {
        struct Candidate {
            var quality: Double
            var specificity: Int
            var position: Int
            var preference: Int
            var representation: CitationRepresentation
        }
        var candidates: [Candidate] = []
        for (preference, offer) in offers.enumerated() {
            // The most specific matching range decides this offer's quality; among equally specific ones, the
            // first listed.
            var chosen: (range: MediaRange, specificity: Int)?
            for range in ranges {
                guard let specificity = specificity(of: range, for: offer) else { continue }
                if let current = chosen, current.specificity >= specificity { continue }
                chosen = (range, specificity)
            }
            guard let chosen, chosen.range.quality > 0 else { continue }
            candidates.append(
                Candidate(
                    quality: chosen.range.quality, specificity: chosen.specificity, position: chosen.range.position,
                    preference: preference, representation: offer.representation))
        }
        let ordered = candidates.sorted { a, b in
            if a.quality != b.quality { return a.quality > b.quality }
            // A range naming the type (and style) outright beats a wildcard with the same q.
            if a.specificity != b.specificity { return a.specificity > b.specificity }
            if a.position != b.position { return a.position < b.position }
            return a.preference < b.preference
        }
        return ordered.first?.representation
    }
}
