import Foundation

/// The YAML front matter of a Markdown file: the small subset front matter uses in practice — `key: value`
/// with plain, single- or double-quoted values, inline lists `[a, b]`, block lists of `- item` or
/// `- name: item`, a nested `name:` under a key, and `|`/`>` block scalars. Anything else is skipped.
struct FrontMatter {
    /// Each top-level key (lower-cased) with its values (one for a scalar, several for a list).
    private(set) var values: [String: [String]] = [:]

    init(yaml: String) {
        var lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)[...]
        while let line = lines.popFirst() {
            guard let first = line.first, !first.isWhitespace, first != "#", first != "-",
                let colon = Self.keySeparator(in: line)
            else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // The indented lines that belong to this key.
            var nested: [String] = []
            while let next = lines.first,
                next.first?.isWhitespace == true || next.trimmingCharacters(in: .whitespaces).isEmpty
                    || (next.hasPrefix("- ") || next == "-")
            {
                nested.append(next)
                lines.removeFirst()
            }
            values[Self.unquoted(key)] = Self.parseValue(rest, nested: nested)
        }
    }

    /// The first value of the first of `keys` present.
    func string(_ keys: String...) -> String? {
        for key in keys {
            if let value = values[key]?.first(where: { !$0.isEmpty }) { return value }
        }
        return nil
    }

    /// All values of the first of `keys` present.
    func list(_ keys: String...) -> [String] {
        for key in keys {
            if let list = values[key]?.filter({ !$0.isEmpty }), !list.isEmpty { return list }
        }
        return []
    }

    /// The colon ending a key: the first one followed by a space or the line's end, outside quotes.
    private static func keySeparator(in line: String) -> String.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ":" {
                let next = line.index(after: index)
                if next == line.endIndex || line[next].isWhitespace { return index }
            }
            index = line.index(after: index)
        }
        return nil
    }

    private static func parseValue(_ rest: String, nested: [String]) -> [String] {
        if rest == "|" || rest == ">" || rest.hasPrefix("|") || rest.hasPrefix(">") {
            let joined = nested.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return [joined.joined(separator: rest.hasPrefix("|") ? "\n" : " ")]
        }
        if !rest.isEmpty && !rest.hasPrefix("#") {
            if rest.hasPrefix("[") && rest.hasSuffix("]") {
                return splitInlineList(String(rest.dropFirst().dropLast()))
            }
            return [scalar(rest)]
        }
        var items: [String] = []
        for line in nested {
            var item = line.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty, !item.hasPrefix("#") else { continue }
            if item.hasPrefix("-") {
                item = String(item.dropFirst()).trimmingCharacters(in: .whitespaces)
            } else if !items.isEmpty && !item.lowercased().hasPrefix("name:") {
                continue  // another field of the same list item
            }
            if let colon = keySeparator(in: item) {
                let key = item[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                guard key == "name" || key == "literal" else { continue }
                item = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            items.append(scalar(item))
        }
        return items
    }

    private static func splitInlineList(_ body: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quote: Character?
        for character in body {
            if let open = quote {
                if character == open { quote = nil }
                current.append(character)
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," {
                items.append(scalar(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(scalar(current))
        return items.filter { !$0.isEmpty }
    }

    /// A scalar without its quotes (escapes undone) or its trailing comment.
    private static func scalar(_ raw: String) -> String {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            var result = ""
            var escaped = false
            for character in value.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if let comment = value.range(of: " #") {
            return String(value[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return value
    }

    private static func unquoted(_ key: String) -> String {
        key.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }
}

extension FrontMatter {
    /// The citation metadata front matter states: title, author(s), date, publisher, site, URL, language.
    var metadata: CitationMetadata {
        var metadata = CitationMetadata()
        metadata.title = string("title")
        var names: [String] = []
        for entry in list("author", "authors", "creator", "creators") {
            names += entry.components(separatedBy: ";").flatMap { $0.components(separatedBy: " and ") }
                .flatMap { $0.components(separatedBy: " & ") }
        }
        metadata.author = names.compactMap { PersonName.readerParsed(from: $0) }
        metadata.issued = string("date", "published", "pubdate", "publishdate", "date_published", "issued")
            .flatMap { DateParts.readerParsed(from: $0) }
        metadata.publisher = string("publisher")
        metadata.containerTitle = string("container-title", "site", "site_name", "sitename", "website", "journal")
        metadata.url = string("url", "canonical_url", "canonical", "link", "permalink")
            .flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil }
        metadata.language = string("language", "lang", "locale")
        return metadata
    }
}
