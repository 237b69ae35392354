// The Chicago Manual of Style, 17th edition, author-date system (§§15.6–15.52): author, year, title, then the
// facts of publication; an article's title in quotation marks, a standalone work's in italics; a period after
// the URL.
extension ReferenceFormatter {
    static func chicago(_ item: ReferenceItem, original: ReferenceItem?, writer: Writer) -> String {
        var parts: [String] = []
        let year = item.issued.map { String($0.year) + "." } ?? "n.d."
        // Articles and web pages are parts of something: quoted; reports and other standalone works: italic
        // (§14.206 for web pages).
        let quotedTitle = item.kind != .document
        let title = item.title.map { headlineStyle($0, of: item) }.map { title in
            quotedTitle ? quoted(title, writer: writer) : italicTerminated(title, writer: writer)
        }

        if item.authors.isEmpty {
            // §15.32: with no author, the title leads and the year follows it.
            parts.append(title ?? writer.text(untitled + "."))
            parts.append(year)
        } else {
            parts.append(writer.text(terminated(chicagoAuthors(item.authors))))
            parts.append(year)
            if let title { parts.append(title) }
        }

        // Newspapers, magazines and web pages repeat the full date after the container (§15.47, §15.51);
        // journals and standalone documents do not.
        let fullDate = item.issued.flatMap { date -> String? in
            guard item.kind != .journalArticle, item.kind != .document, date.month != nil else { return nil }
            return monthDayYear(date)
        }
        let authorLiterals = Set(item.authors.compactMap { $0.literal?.lowercased() })
        var source: String?
        if let container = item.containerTitle {
            // A website's name is roman unless it is also a publication (§14.206); a periodical's is italic.
            source = item.kind == .webpage ? writer.text(container) : writer.italic(container)
        } else if let publisher = item.publisher, !authorLiterals.contains(publisher.lowercased()) {
            source = writer.text(publisher)
        }
        switch (source, fullDate) {
        case (let source?, let date?):
            parts.append(
                source + (endsSentence(item.containerTitle ?? item.publisher ?? "") ? " " : ", ")
                    + writer.text(date + "."))
        case (let source?, nil):
            parts.append(terminatedSource(source, raw: item.containerTitle ?? item.publisher ?? ""))
        case (nil, let date?):
            parts.append(writer.text(date + "."))
        case (nil, nil):
            break
        }
        if let url = item.url { parts.append(writer.text(url + ".")) }
        if let original { parts.append(originallyPublished(original, writer: writer, date: monthDayYear)) }
        return sentence(parts)
    }

    /// A marked-up source followed by a period unless its raw text ends a sentence.
    static func terminatedSource(_ source: String, raw: String) -> String {
        endsSentence(raw) ? source : source + "."
    }

    /// The author element (§15.9, §14.76): "Sacks, David", "Sacks, David, and Jane Doe", up to ten names in
    /// full, and for more than ten the first seven followed by "et al."
    static func chicagoAuthors(_ names: [ReferenceItem.Name]) -> String {
        let formatted = names.enumerated().map { index, name in
            index == 0 ? invertedName(name) : directName(name)
        }
        switch formatted.count {
        case 0: return ""
        case 1: return formatted[0]
        case 2: return "\(formatted[0]), and \(formatted[1])"
        case 3...10: return formatted.dropLast().joined(separator: ", ") + ", and " + formatted[formatted.count - 1]
        default: return formatted.prefix(7).joined(separator: ", ") + ", et al."
        }
    }

    /// "Family, Given" or the literal name.
    static func invertedName(_ name: ReferenceItem.Name) -> String {
        if let literal = name.literal { return literal }
        let family = name.family ?? ""
        guard let given = name.given else { return family }
        return "\(family), \(given)"
    }

    /// "Given Family" or the literal name.
    static func directName(_ name: ReferenceItem.Name) -> String {
        if let literal = name.literal { return literal }
        return [name.given, name.family].compactMap { $0 }.joined(separator: " ")
    }

    /// "Originally published in *Container*, May 30, 2024." (CMOS §14.114, MLA 9 §5.111), from what is known
    /// of the original.
    static func originallyPublished(
        _ original: ReferenceItem, writer: Writer, date format: (ReferenceItem.Date) -> String
    ) -> String {
        let venue = original.containerTitle.map { writer.italic($0) } ?? original.publisher.map { writer.text($0) }
        let date = original.issued.map { writer.text(format($0)) }
        switch (venue, date) {
        case (let venue?, let date?): return "Originally published in \(venue), \(date)."
        case (let venue?, nil): return "Originally published in \(venue)."
        case (nil, let date?): return "Originally published \(date)."
        case (nil, nil):
            return original.title.map { "Originally published as “\(writer.text(terminated($0)))”" } ?? ""
        }
    }
}
