import Foundation

/// A BibTeX entry (with biblatex's field names where BibTeX has none), rendered as text a `.bib` file holds.
///
/// The entry type follows the inferred kind of work: `@article` for a journal, magazine or newspaper article
/// (or anything else inside a named container without a URL), `@online` for a web page, `@misc` for a document
/// with neither container nor URL. Values are escaped for LaTeX; `urldate` is never written, since concord
/// does not know when anyone read the page.
public struct BibTeXEntry: Hashable, Sendable {
    /// One `name = {value}` field; `value` is already escaped.
    public struct Field: Hashable, Sendable {
        /// The field's name, lowercase.
        public var name: String
        /// The field's value as written between the braces.
        public var value: String
    }

    /// The citation key, ASCII only (``citationKey(for:fallbackTitle:)`` unless given).
    public var key: String
    /// The entry type without `@`: `article`, `online` or `misc`.
    public var type: String
    /// The fields in the order they are written.
    public var fields: [Field]

    /// Builds the entry for a document.
    ///
    /// - Parameters:
    ///   - metadata: the document's citation metadata.
    ///   - fallbackTitle: the title when the metadata has none (for example the document id).
    ///   - original: the original's metadata when the document republishes it: `origtitle`, `origdate`,
    ///     `origpublisher`.
    ///   - locator: where the quote stands ("para. 12, lines 40–44"), written with the quote in `addendum`.
    ///   - quote: the quoted text.
    ///   - key: a key to use instead of the computed one (``CitationSet`` disambiguates keys this way).
    public init(
        _ metadata: CitationMetadata, fallbackTitle: String? = nil, original: CitationMetadata? = nil,
        locator: String? = nil, quote: String? = nil, key: String? = nil
    ) {
        let item = ReferenceItem(metadata)
        self.key = key ?? Self.citationKey(for: metadata, fallbackTitle: fallbackTitle)
        switch item.kind {
        case .journalArticle, .magazineArticle, .newspaperArticle, .article: type = "article"
        case .webpage: type = "online"
        case .document: type = "misc"
        }

        var fields: [Field] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append(Field(name: name, value: value)) }
        }
        if !item.authors.isEmpty {
            add("author", item.authors.map(Self.name).joined(separator: " and "))
        }
        add("title", (item.title ?? ReferenceItem.clean(fallbackTitle)).map(Self.protectedTitle))
        switch item.kind {
        case .journalArticle, .article:
            add("journal", item.containerTitle.map(Self.escape))
        case .magazineArticle:
            add("journal", item.containerTitle.map(Self.escape))
            add("entrysubtype", "magazine")
        case .newspaperArticle:
            add("journal", item.containerTitle.map(Self.escape))
            add("entrysubtype", "newspaper")
        case .webpage, .document:
            // biblatex's @online names the site in `organization`.
            add("organization", item.containerTitle.map(Self.escape))
        }
        if item.publisher?.lowercased() != item.containerTitle?.lowercased() {
            add("publisher", item.publisher.map(Self.escape))
        }
        if let date = item.issued {
            add("date", Self.isoDate(date))
            add("year", String(date.year))
        }
        add("url", item.url.map(Self.verbatimURL))
        add("langid", item.language.flatMap(Self.babelLanguage))
        add("note", item.note.map(Self.escape))
        if let quote = ReferenceItem.clean(quote) {
            let place = ReferenceItem.clean(locator).map { "\($0): " } ?? ""
            add("addendum", Self.escape("\(place)“\(quote)”"))
        } else if let locator = ReferenceItem.clean(locator) {
            add("addendum", Self.escape(locator))
        }
        if let original = original.map(ReferenceItem.init) {
            add("origtitle", original.title.map(Self.protectedTitle))
            add("origdate", original.issued.map(Self.isoDate))
            add("origpublisher", (original.containerTitle ?? original.publisher).map(Self.escape))
        }
        self.fields = fields
    }

    /// The entry as text: `@type{key,`, one field per line indented two spaces, `}`; no trailing newline.
    public var rendered: String {
        var lines = ["@\(type){\(key),"]
        for (index, field) in fields.enumerated() {
            lines.append("  \(field.name) = {\(field.value)}" + (index < fields.count - 1 ? "," : ""))
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    // MARK: - Keys

    /// Words skipped when picking the title word of a key: articles, auxiliaries, prepositions, question words.
    static let insignificantWords: Set<String> = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
        "about", "as", "into", "onto", "over", "under", "is", "are", "was", "were", "be", "been", "being", "do",
        "does", "did", "has", "have", "had", "can", "could", "will", "would", "shall", "should", "may", "might",
        "must", "what", "why", "how", "who", "whom", "whose", "when", "where", "which", "that", "this", "these",
        "those", "it", "its", "not", "no", "if", "so", "than", "then", "there", "their", "our", "your", "my",
        "his", "her", "we", "you", "they", "he", "she", "i", "de", "la", "le", "les", "der", "die", "das", "el",
    ]

    /// A stable, ASCII-only key: the first author's family name (or a literal name's first significant word),
    /// the year, and the first significant title word, lowercased, e.g. `sacks2024nato`.
    ///
    /// A missing part is left out (`sacks2024`, `2024nato`, `nato`); the fallback title stands in for a missing
    /// title; with nothing usable the key is `untitled`. The same metadata always gives the same key.
    public static func citationKey(for metadata: CitationMetadata, fallbackTitle: String? = nil) -> String {
        let item = ReferenceItem(metadata)
        var key = ""
        if let first = item.authors.first {
            if let family = first.family {
                key += asciiWord(family)
            } else if let literal = first.literal {
                key += significantWord(in: literal) ?? ""
            }
        }
        if let year = item.issued?.year { key += String(year) }
        if let title = item.title ?? ReferenceItem.clean(fallbackTitle) {
            key += significantWord(in: title) ?? ""
        }
        return key.isEmpty ? "untitled" : key
    }

    /// `text` folded to lowercase ASCII letters and digits ("Ødegård" → "odegard", "Müller-Lüdenscheidt" →
    /// "mullerludenscheidt").
    static func asciiWord(_ text: String) -> String {
        let special: [Character: String] = [
            "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
        ]
        var result = ""
        for character in text.lowercased() {
            if let replacement = special[character] {
                result += replacement
                continue
            }
            let folded = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            for scalar in folded.unicodeScalars where scalar.isASCII {
                let value = scalar.value
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The first word of `text` that is not an insignificant word and has a letter, in ASCII; words are split
    /// at spaces, dashes and slashes, and lose their other punctuation ("R&D" → "rd", "don't" → "dont").
    static func significantWord(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0.isWhitespace || "-‐–—/_".contains($0) }) {
            let ascii = asciiWord(String(word))
            guard ascii.contains(where: { $0.isLetter }) else { continue }
            if insignificantWords.contains(ascii) { continue }
            return ascii
        }
        return nil
    }

    // MARK: - Values

    /// Escapes LaTeX's special characters: `& % $ # _ { } ~ ^ \`.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "\\": escaped += "\\textbackslash{}"
            case "{": escaped += "\\{"
            case "}": escaped += "\\}"
            case "&": escaped += "\\&"
            case "%": escaped += "\\%"
            case "$": escaped += "\\$"
            case "#": escaped += "\\#"
            case "_": escaped += "\\_"
            case "~": escaped += "\\textasciitilde{}"
            case "^": escaped += "\\textasciicircum{}"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// An escaped title whose words with capitals past their first letter (NATO, iPhone, Indo-Pacific) are
    /// braced, so BibTeX styles that lowercase titles keep them.
    static func protectedTitle(_ title: String) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let escaped = escape(String(word))
            let needsProtection = word.dropFirst().contains(where: { $0.isUppercase })
            return needsProtection ? "{\(escaped)}" : escaped
        }.joined(separator: " ")
    }

    /// "Family, Given", "Family", or a literal name braced so BibTeX does not split it.
    static func name(_ name: ReferenceItem.Name) -> String {
        if let literal = name.literal { return "{\(escape(literal))}" }
        let family = escape(name.family ?? "")
        // A family name with spaces ("van der Berg", "Lloyd Webber") would be split wrongly without braces.
        let protectedFamily = family.contains(" ") ? "{\(family)}" : family
        guard let given = name.given else { return protectedFamily }
        return "\(protectedFamily), \(escape(given))"
    }

    /// `url` is read verbatim by biblatex, so it is not escaped; braces, which would end the field, are
    /// percent-encoded, as are backslashes.
    static func verbatimURL(_ url: String) -> String {
        url.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
            .replacingOccurrences(of: "\\", with: "%5C")
    }

    /// "2024-05-30", "2024-05" or "2024" (biblatex's ISO 8601 `date`).
    static func isoDate(_ date: ReferenceItem.Date) -> String {
        var text = String(format: "%04d", date.year)
        if let month = date.month {
            text += String(format: "-%02d", month)
            if let day = date.day { text += String(format: "-%02d", day) }
        }
        return text
    }

    /// babel/polyglossia's name for a BCP 47 language tag, for `langid`; `nil` when unknown.
    static func babelLanguage(_ tag: String) -> String? {
        let primary = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        let names = [
            "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
            "nl": "dutch", "ru": "russian", "pl": "polish", "sv": "swedish", "zh": "chinese", "ja": "japanese",
            "ko": "korean", "ar": "arabic",
        ]
        return primary.flatMap { names[$0] }
    }
}
