import Foundation
import ConcordCore

/// Renders search hits as text blocks (SPEC "concord search"): `DOCID:LINE  title — author`, the snippet with
/// matches highlighted, and `also in: …` for the other copies.
struct HitPrinter {
    var style: TerminalStyle

    func write(_ results: SearchResults, to output: inout some TextOutputStream) {
        for (index, hit) in results.hits.enumerated() {
            if index > 0 { output.write("\n") }
            var heading = style.magenta("\(hit.document.id):\(hit.lines.first ?? 1)")
            let title = [hit.document.title, hit.document.author].compactMap { $0 }.joined(separator: " — ")
            if !title.isEmpty { heading += "  " + style.bold(title) }
            output.write(heading + "\n")
            output.write("  " + render(snippet: hit.snippet) + "\n")
            if !hit.duplicates.isEmpty {
                let copies = hit.duplicates.map { "\($0.document):\($0.lines.first ?? 1)" }.joined(separator: ", ")
                output.write("  " + style.dim("also in: " + copies) + "\n")
            }
        }
    }

    /// The snippet's `<mark>` spans highlighted, its HTML escapes undone.
    func render(snippet: String) -> String {
        var result = ""
        var rest = Substring(snippet)
        while let open = rest.range(of: "<mark>") {
            result += Self.unescape(rest[..<open.lowerBound])
            rest = rest[open.upperBound...]
            let close = rest.range(of: "</mark>") ?? (rest.endIndex..<rest.endIndex)
            result += style.match(Self.unescape(rest[..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return result + Self.unescape(rest)
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

