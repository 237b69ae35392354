public import ConcordBase

/// What `concord search` prints (SPEC "concord search"), for both binaries that run it.
package enum SearchOutput {
    /// Text blocks: `DOCID:LINE  title — author`, the snippet with matches highlighted, and `also in: …` for the
    /// other copies.
    package static func text(_ results: SearchResults, style: TerminalStyle) -> String {
        var output = ""
        for (index, hit) in results.hits.enumerated() {
            if index > 0 { output += "\n" }
            var heading = style.magenta("\(hit.document.id):\(hit.lines.first ?? 1)")
            let title = [hit.document.title, hit.document.author].compactMap { $0 }.joined(separator: " — ")
            if !title.isEmpty { heading += "  " + style.bold(title) }
            output += heading + "\n"
            output += "  " + render(snippet: hit.snippet, style: style) + "\n"
            if !hit.duplicates.isEmpty {
                let copies = hit.duplicates.map { "\($0.document):\($0.lines.first ?? 1)" }.joined(separator: ", ")
                output += "  " + style.dim("also in: " + copies) + "\n"
            }
        }
        return output
    }

    /// What goes to standard error after the text blocks: the spelling suggestion, and a line when nothing matched.
    package static func notes(_ results: SearchResults) -> String {
        var output = ""
        if let suggestion = results.suggestion { output += "did you mean: \(suggestion)\n" }
        if results.hits.isEmpty { output += "no passage matches \(results.query)\n" }
        return output
    }

    /// `--json`: one object per hit (the HTTP `hits`), then `{"type":"summary",…}`.
    package static func jsonLines(_ results: SearchResults, elapsedMilliseconds: Double) throws -> String {
        var output = ""
        for hit in results.hits { output += try JSONCoding.string(hit) + "\n" }
        var summary: [(key: String, value: JSONValue)] = [
            ("type", .string("summary")), ("total", .number(String(results.total))),
            ("returned", .number(String(results.hits.count))), ("query", .string(results.query)),
            ("elapsed_ms", .number(JSONWriter.number((elapsedMilliseconds * 1000).rounded() / 1000))),
        ]
        if let suggestion = results.suggestion { summary.append(("suggestion", .string(suggestion))) }
        output += JSONWriter.string(.object(summary)) + "\n"
        return output
    }

    /// The snippet's `<mark>` spans highlighted, its HTML escapes undone.
    package static func render(snippet: String, style: TerminalStyle) -> String {
        var result = ""
        var rest = Substring(snippet)
        while let open = rest.firstRange(of: "<mark>") {
            result += unescape(rest[..<open.lowerBound])
            rest = rest[open.upperBound...]
            let close = rest.firstRange(of: "</mark>") ?? (rest.endIndex..<rest.endIndex)
            result += style.match(unescape(rest[..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result + unescape(rest)
    }

    private static let entities: [(String, String)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ]

    /// Undoes the HTML escapes Xapian's snippets use.
    package static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (entity, character) = entities.first(where: { rest.hasPrefix($0.0) }) {
                result += character
                rest = rest.dropFirst(entity.count)
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
