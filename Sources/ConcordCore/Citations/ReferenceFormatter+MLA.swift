// MLA Handbook, 9th edition (chapter 5): author. title. container, other contributors, version, number,
// publisher, publication date, location. — core elements joined by commas, each group closed by a period.
extension ReferenceFormatter {
    static func mla(_ item: ReferenceItem, original: ReferenceItem?, writer: Writer) -> String {
        var parts: [String] = []
        var item = item
        // §5.7: a work whose author is also its publisher starts with the title; the organization is named
        // once, as publisher.
        if item.authors.count == 1, let literal = item.authors[0].literal,
            literal.lowercased() == (item.publisher ?? item.containerTitle)?.lowercased()
        {
            item.authors = []
        }
        if !item.authors.isEmpty {
            parts.append(writer.text(terminated(mlaAuthors(item.authors))))
        }
        // A work inside a container has its title in quotation marks; a self-contained work, italic (§5.24).
        let title =
            item.title.map { headlineStyle($0, of: item) }
            ?? (item.authors.isEmpty ? untitled : nil)
        if let title {
            parts.append(
                item.containerTitle != nil ? quoted(title, writer: writer) : italicTerminated(title, writer: writer))
        }

        // The container group: container, publisher, date, URL, separated by commas, closed by a period.
        var group: [(marked: String, raw: String)] = []
        if let container = item.containerTitle { group.append((writer.italic(container), container)) }
        let authorLiterals = Set(item.authors.compactMap { $0.literal?.lowercased() })
        // The publisher of a periodical is left out (§5.72), as is one whose name is the website's or the author's.
        if let publisher = item.publisher, !item.kind.isPeriodicalArticle,
            publisher.lowercased() != item.containerTitle?.lowercased(),
            !authorLiterals.contains(publisher.lowercased())
        {
            group.append((writer.text(publisher), publisher))
        }
        if let date = item.issued {
            let text = mlaDate(date)
            group.append((writer.text(text), text))
        }
        if let url = item.url { group.append((writer.text(url), url)) }
        if !group.isEmpty {
            var text = ""
            for (index, element) in group.enumerated() {
                text += element.marked
                if index < group.count - 1 {
                    text += ", "
                } else if !endsSentence(element.raw) {
                    text += "."
                }
            }
            parts.append(text)
        }
        if let original { parts.append(originallyPublished(original, writer: writer, date: mlaDate)) }
        return sentence(parts)
    }

    /// "30 May 2024", "Sept. 2024" or "2024" (§5.84).
    static func mlaDate(_ date: ReferenceItem.Date) -> String {
        guard let month = date.month else { return String(date.year) }
        let name = mlaMonthNames[month - 1]
        guard let day = date.day else { return "\(name) \(date.year)" }
        return "\(day) \(name) \(date.year)"
    }

    /// The author element (§5.6): "Sacks, David", "Sacks, David, and Jane Doe", "Sacks, David, et al."
    static func mlaAuthors(_ names: [ReferenceItem.Name]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return invertedName(names[0])
        case 2: return "\(invertedName(names[0])), and \(directName(names[1]))"
        default: return "\(invertedName(names[0])), et al."
        }
    }
}
