import Foundation

/// A citation format concord can render: three bibliography styles and three record formats that reference
/// managers read (SPEC "concord cite", HTTP `/cite`).
///
/// The raw value is the canonical name used by `concord cite --format` and by the `style` field of a
/// ``CitationSet``.
public enum CitationStyle: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// APA, 7th edition.
    case apa
    /// The Chicago Manual of Style, 17th edition, author-date system.
    case chicago
    /// MLA Handbook, 9th edition.
    case mla
    /// A BibTeX (biblatex-friendly) entry.
    case bibtex
    /// An RIS record.
    case ris
    /// A CSL-JSON item.
    case cslJSON = "csl-json"

    /// Parses a user-given style name, case-insensitively: `apa`, `chicago`, `chicago-author-date`, `mla`,
    /// `modern-language-association`, `bibtex`, `ris`, `csl-json` or `csljson` (surrounding spaces ignored).
    ///
    /// Returns `nil` for anything else; media types are ``ContentNegotiation``'s business.
    public init?(name: String) {
        switch name.trimmingCharacters(in: .whitespaces).lowercased() {
        case "apa", "apa7", "apa-7": self = .apa
        case "chicago", "chicago-author-date": self = .chicago
        case "mla", "mla9", "modern-language-association": self = .mla
        case "bibtex", "biblatex", "bib": self = .bibtex
        case "ris": self = .ris
        case "csl-json", "csljson", "csl": self = .cslJSON
        default: return nil
        }
    }

    /// Whether the style is a bibliography style producing prose (APA, Chicago, MLA) rather than a record.
    public var isBibliographyStyle: Bool {
        switch self {
        case .apa, .chicago, .mla: true
        case .bibtex, .ris, .cslJSON: false
        }
    }

    /// The style's name in the CSL styles repository, as `text/x-bibliography; style=` spells it; `nil` for the
    /// record formats.
    public var cslStyleName: String? {
        switch self {
        case .apa: "apa"
        case .chicago: "chicago-author-date"
        case .mla: "modern-language-association"
        case .bibtex, .ris, .cslJSON: nil
        }
    }

    /// The media type of a body in this style, as DOI content negotiation names it (without charset).
    public var mediaType: String {
        switch self {
        case .apa, .chicago, .mla: "text/x-bibliography; style=\(cslStyleName ?? rawValue)"
        case .bibtex: "application/x-bibtex"
        case .ris: "application/x-research-info-systems"
        case .cslJSON: "application/vnd.citationstyles.csl+json"
        }
    }

    /// The `Content-Type` header value of a body in this style: ``mediaType`` plus `charset=utf-8` for text.
    public var contentType: String {
        switch self {
        case .cslJSON: mediaType
        case .apa, .chicago, .mla, .bibtex, .ris: "\(mediaType); charset=utf-8"
        }
    }

    /// The canonical name (the raw value).
    public var description: String { rawValue }
}
