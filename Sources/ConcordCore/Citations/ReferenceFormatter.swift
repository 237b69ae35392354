import Foundation

/// How a formatted reference marks up italics.
public enum ReferenceMarkup: String, Hashable, Sendable {
    /// Plain text: italics are dropped (a terminal, a text/x-bibliography body).
    case plain
    /// HTML: text escaped, italics as `<i>…</i>` (the search page).
    case html
}

/// Formats citation metadata as one reference in a ``CitationStyle``.
///
/// APA 7, Chicago author-date (17th edition) and MLA 9 follow each style's rules for web pages and articles:
/// the number of authors, APA's initials, where the date goes, quoted or italic titles, the container, the
/// publisher and the URL. A missing field is left out with its punctuation; nothing is invented. BibTeX, RIS and
/// CSL-JSON give the record text (see ``BibTeXEntry``, ``RISRecord`` and ``CSLItem``).
public enum ReferenceFormatter {
    /// Formats `metadata` as one reference.
    ///
    /// - Parameters:
    ///   - metadata: the document's citation metadata.
    ///   - style: the style or record format.
    ///   - fallbackTitle: used as the title when the metadata has none (for example the document id), so a
    ///     document with no metadata still gets a reference; `nil` leaves the title out.
    ///   - markup: plain text or HTML with `<i>` italics (the record formats ignore it).
    ///   - originalOf: when the document republishes another, the original's metadata: APA adds
    ///     "(Original work published …)", Chicago and MLA "Originally published in …", and the record formats
    ///     their `orig…`/`OP`/`original-…` fields.
    /// - Returns: the reference, without a trailing newline.
    public static func format(
        _ metadata: CitationMetadata, style: CitationStyle, fallbackTitle: String? = nil,
        markup: ReferenceMarkup = .plain, originalOf original: CitationMetadata? = nil
    ) -> String {
        switch style {
        case .apa, .chicago, .mla:
            var item = ReferenceItem(metadata)
            if item.title == nil {
                item.title = ReferenceItem.clean(fallbackTitle)
                item.titleIsFallback = true
            }
            let republished = original.map(ReferenceItem.init).flatMap { $0.isEmpty ? nil : $0 }
            let writer = Writer(markup: markup)
            switch style {
            case .apa: return apa(item, original: republished, writer: writer)
            case .chicago: return chicago(item, original: republished, writer: writer)
            default: return mla(item, original: republished, writer: writer)
            }
        case .bibtex:
            return BibTeXEntry(metadata, fallbackTitle: fallbackTitle, original: original).rendered
        case .ris:
            return RISRecord(metadata, fallbackTitle: fallbackTitle, original: original).rendered
        case .cslJSON:
            let key = BibTeXEntry.citationKey(for: metadata, fallbackTitle: fallbackTitle)
            return CSLItem(metadata, id: key, original: original).rendered
        }
    }

    /// The label used when a work has no title and the caller gave no fallback (APA's bracketed description).
    static let untitled = "[Untitled]"

    // MARK: - Markup

    /// Escapes text and marks italics for one ``ReferenceMarkup``.
    struct Writer {
        var markup: ReferenceMarkup

        func text(_ raw: String) -> String {
            switch markup {
            case .plain: raw
            case .html: Self.escapeHTML(raw)
            }
        }

        func italic(_ raw: String) -> String {
            switch markup {
            case .plain: raw
            case .html: "<i>\(Self.escapeHTML(raw))</i>"
            }
        }

        static func escapeHTML(_ raw: String) -> String {
            var escaped = ""
            escaped.reserveCapacity(raw.count)
            for character in raw {
                switch character {
                case "&": escaped += "&amp;"
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "\"": escaped += "&quot;"
                default: escaped.append(character)
                }
            }
            return escaped
        }
    }

    // MARK: - Punctuation

    /// Whether `text` already ends a sentence (so a style's period would double it).
    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return ".?!…".contains(last)
    }

    /// `text` followed by `mark`, unless it already ends in terminal punctuation.
    static func terminated(_ text: String, _ mark: String = ".") -> String {
        endsSentence(text) ? text : text + mark
    }

    /// A title in typographic double quotes with the sentence's period (or comma) inside, as Chicago and MLA
    /// write it: “Title.” — but “Title?” keeps its own mark.
    static func quoted(_ title: String, closingWith mark: String = ".", writer: Writer) -> String {
        let inner = endsSentence(title) ? title : title + mark
        return "“" + writer.text(inner) + "”"
    }

    /// An italic title followed by `mark` outside the italics unless the title ends a sentence itself.
    static func italicTerminated(_ title: String, _ mark: String = ".", writer: Writer) -> String {
        endsSentence(title) ? writer.italic(title) : writer.italic(title) + mark
    }

    /// Joins parts with single spaces, skipping empty ones.
    static func sentence(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: - Dates

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// MLA 9's abbreviations for months in the works-cited list (MLA Handbook 9th ed., appendix 1).
    static let mlaMonthNames = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
    ]

    /// "May 30, 2024", "May 2024" or "2024".
    static func monthDayYear(_ date: ReferenceItem.Date) -> String {
        guard let month = date.month else { return String(date.year) }
        let name = monthNames[month - 1]
        guard let day = date.day else { return "\(name) \(date.year)" }
        return "\(name) \(day), \(date.year)"
    }
}
