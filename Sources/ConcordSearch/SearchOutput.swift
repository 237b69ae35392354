import ConcordBase

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
        for hit in results.hits { output += hit.json + "\n" }
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
        let bytes = Array(snippet.utf8)
        let open = Array("<mark>".utf8)
        let close = Array("</mark>".utf8)
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            var index = start
            while index + needle.count <= bytes.count {
                if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index += 1
            }
            return nil
        }
        func text(_ range: Range<Int>) -> Substring { Substring(String(decoding: bytes[range], as: UTF8.self)) }
        var result = ""
        var cursor = 0
        while let start = find(open, from: cursor) {
            result += unescape(text(cursor..<start))
            let end = find(close, from: start + open.count) ?? bytes.count
            result += style.match(unescape(text((start + open.count)..<end)))
            cursor = min(bytes.count, end + close.count)
        }
        return result + unescape(text(cursor..<bytes.count))
    }

    private static let entities: [(String, String)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ]

    /// Undoes the HTML escapes Xapian's snippets use.
    package static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return String(text) }
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
