// APA 7th edition (Publication Manual §§9.8–9.50, 10.1–10.16): the reference elements author, date, title,
// source, in that order, each closed by a period; the URL last, without one.
extension ReferenceFormatter {
    static func apa(_ item: ReferenceItem, original: ReferenceItem?, writer: Writer) -> String {
        var parts: [String] = []
        // Titles of works that stand alone (web pages, reports) are italic; articles in a periodical are not,
        // their periodical is (§9.19).
        let italicTitle = !item.kind.isPeriodicalArticle
        let title = item.title.map { title in
            italicTitle ? italicTerminated(title, writer: writer) : writer.text(terminated(title))
        }
        let date = "(" + apaDate(item) + ")."

        if item.authors.isEmpty {
            // §9.12: with no author, the title moves to the author position, before the date.
            parts.append(title ?? writer.text(untitled + "."))
            parts.append(date)
        } else {
            parts.append(writer.text(terminated(apaAuthors(item.authors))))
            parts.append(date)
            if let title { parts.append(title) }
        }

        let authorLiterals = Set(item.authors.compactMap { $0.literal?.lowercased() })
        if let container = item.containerTitle, !authorLiterals.contains(container.lowercased()) {
            // A periodical's name is italic; a website's name is not (§9.25, §10.16).
            parts.append(
                item.kind == .webpage ? writer.text(terminated(container)) : italicTerminated(container, writer: writer)
            )
        }
        // The publisher names the source of a report or a page outside any site; a periodical's publisher is
        // left out (§9.29), as is a publisher that is also the author.
        if let publisher = item.publisher, item.containerTitle == nil || item.kind == .document,
            !authorLiterals.contains(publisher.lowercased())
        {
            parts.append(writer.text(terminated(publisher)))
        }
        if let url = item.url { parts.append(writer.text(url)) }
        if let year = original?.issued?.year, year != item.issued?.year {
            parts.append("(Original work published \(year))")
        }
        return sentence(parts)
    }

    /// "2024, May 30", "2024, May", "2024" or "n.d."; journals give the year alone (§9.14).
    static func apaDate(_ item: ReferenceItem) -> String {
        guard let date = item.issued else { return "n.d." }
        guard item.kind != .journalArticle, let month = date.month else { return String(date.year) }
        let name = monthNames[month - 1]
        guard let day = date.day else { return "\(date.year), \(name)" }
        return "\(date.year), \(name) \(day)"
    }

    /// The author element (§9.8): "Sacks, D.", "Sacks, D., & Doe, J.", "A, B., C, D., & E, F.", and for 21 or
    /// more, the first 19, an ellipsis, and the last.
    static func apaAuthors(_ names: [ReferenceItem.Name]) -> String {
        let formatted = names.map(apaName)
        switch formatted.count {
        case 0: return ""
        case 1: return formatted[0]
        case 2: return "\(formatted[0]), & \(formatted[1])"
        case 3...20: return formatted.dropLast().joined(separator: ", ") + ", & " + formatted[formatted.count - 1]
        default: return formatted.prefix(19).joined(separator: ", ") + ", . . . " + formatted[formatted.count - 1]
        }
    }

    /// "Family, G. G." or the literal name.
    static func apaName(_ name: ReferenceItem.Name) -> String {
        if let literal = name.literal { return literal }
        let family = name.family ?? ""
        guard let given = name.given else { return family }
        let initials = apaInitials(given)
        return initials.isEmpty ? family : "\(family), \(initials)"
    }

    /// "David" → "D.", "Mary Ann" → "M. A.", "Jean-Paul" → "J.-P.", "J.R.R." → "J. R. R.".
    static func apaInitials(_ given: String) -> String {
        var tokens: [String] = []
        for word in given.split(whereSeparator: { $0.isWhitespace || $0 == "." }) {
            let hyphenated = word.split(separator: "-").compactMap { part -> String? in
                guard let first = part.first(where: { $0.isLetter }) else { return nil }
                return first.uppercased() + "."
            }
            if !hyphenated.isEmpty { tokens.append(hyphenated.joined(separator: "-")) }
        }
        return tokens.joined(separator: " ")
    }
}
