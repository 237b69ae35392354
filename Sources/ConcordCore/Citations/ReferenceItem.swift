import Foundation

/// Citation metadata cleaned for formatting: blank strings dropped, runs of whitespace folded (PDF metadata and
/// sidecars carry stray newlines), impossible date parts cut off, and the kind of work inferred. Every
/// formatter reads metadata through this, so none of them has to ask "is it empty?" again.
struct ReferenceItem: Hashable, Sendable {
    /// What kind of work the metadata describes, inferred from the container's name and the URL: CSL-JSON has a
    /// `type`, but concord's sidecars and readers do not record one.
    enum Kind: Hashable, Sendable {
        case journalArticle, magazineArticle, newspaperArticle
        /// In a container that does not look like a periodical, and without a URL.
        case article
        /// On the web: a page, or a post on a site named by the container.
        case webpage
        /// Neither a container nor a URL: a report, a memo, a file.
        case document

        /// Whether the work is part of a periodical (article of a journal, magazine or newspaper).
        var isPeriodicalArticle: Bool {
            switch self {
            case .journalArticle, .magazineArticle, .newspaperArticle, .article: true
            case .webpage, .document: false
            }
        }
    }

    /// A cleaned name: either `family` (with an optional `given`) or `literal`.
    struct Name: Hashable, Sendable {
        var family: String?
        var given: String?
        var literal: String?
    }

    /// A cleaned date: a year, optionally a month (1–12), optionally a day (1–31).
    struct Date: Hashable, Sendable {
        var year: Int
        var month: Int?
        var day: Int?
    }

    var title: String?
    var authors: [Name]
    var containerTitle: String?
    var publisher: String?
    var issued: Date?
    var url: String?
    var language: String?
    var note: String?
    var kind: Kind
    /// Whether `title` is the caller's fallback (a document id), which no style may recapitalize.
    var titleIsFallback = false

    init(_ metadata: CitationMetadata) {
        title = Self.clean(metadata.title)
        authors = metadata.author.compactMap(Self.clean)
        containerTitle = Self.clean(metadata.containerTitle)
        publisher = Self.clean(metadata.publisher)
        issued = metadata.issued.flatMap(Self.clean)
        url = Self.clean(metadata.url).map { $0.replacingOccurrences(of: " ", with: "%20") }
        language = Self.clean(metadata.language)
        note = Self.clean(metadata.note)
        kind = Self.kind(container: containerTitle, url: url)
    }

    /// Whether nothing at all is known.
    var isEmpty: Bool {
        title == nil && authors.isEmpty && containerTitle == nil && publisher == nil && issued == nil && url == nil
    }

    // MARK: - Cleaning

    /// Trims and folds whitespace; `nil` for a blank string.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let folded = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return folded.isEmpty ? nil : folded
    }

    static func clean(_ name: PersonName) -> Name? {
        let family = clean(name.family)
        let given = clean(name.given)
        if let literal = clean(name.literal) { return Name(family: nil, given: nil, literal: literal) }
        if let family { return Name(family: family, given: given, literal: nil) }
        // A lone given name ("Plato", a pen name) cannot be inverted: it is written as it stands.
        if let given { return Name(family: nil, given: nil, literal: given) }
        return nil
    }

    static func clean(_ date: DateParts) -> Date? {
        guard let year = date.year else { return nil }
        guard let month = date.month, (1...12).contains(month) else { return Date(year: year) }
        guard let day = date.day, (1...31).contains(day) else { return Date(year: year, month: month) }
        return Date(year: year, month: month, day: day)
    }

    // MARK: - Kind

    private static let newspaperWords: Set<String> = [
        "times", "post", "news", "herald", "gazette", "tribune", "daily", "chronicle", "telegraph", "guardian",
        "independent", "observer", "courier", "dispatch", "standard", "inquirer", "journal-constitution",
    ]
    private static let magazineWords: Set<String> = [
        "magazine", "weekly", "monthly", "economist", "atlantic", "yorker", "affairs", "diplomat", "spectator",
    ]
    private static let journalWords: Set<String> = [
        "journal", "review", "quarterly", "proceedings", "annals", "bulletin", "letters", "transactions", "studies",
        "survey", "zeitschrift", "revue", "revista", "rivista",
    ]

    static func kind(container: String?, url: String?) -> Kind {
        guard let container else { return url == nil ? .document : .webpage }
        let words = Set(
            container.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init))
        // Journals first: "Journal of …" and "… Review" name journals even when a newspaper word appears too.
        if !words.isDisjoint(with: journalWords) { return .journalArticle }
        if !words.isDisjoint(with: magazineWords) { return .magazineArticle }
        if !words.isDisjoint(with: newspaperWords) { return .newspaperArticle }
        return url == nil ? .article : .webpage
    }
}
