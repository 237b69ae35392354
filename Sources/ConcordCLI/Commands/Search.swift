import ArgumentParser
import ConcordCore
import Foundation

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search passages; copies of a passage are folded into one hit.",
        discussion: """
            Xapian's query syntax: words, "phrases", AND OR NOT, +must -mustnot, word*, title: author: \
            source: doc: prefixes and date:2024-01-01..2024-12-31 ranges. Exit status: 0 found, 1 nothing \
            found, 2 error.
            """)

    @OptionGroup var index: IndexOptions

    @Argument(help: ArgumentHelp("A query in Xapian's syntax (several words are joined).", valueName: "query"))
    var query: [String]

    @Option(help: "Hits to show.")
    var limit = 10

    @Option(help: "Hits to skip.")
    var offset = 0

    @Flag(help: "Show every copy of a passage as its own hit.")
    var all = false

    @Flag(help: "One JSON object per hit, then a summary object.")
    var json = false

    func run() throws {
        let start = ContinuousClock.now
        let request = try SearchRequest(query: query.joined(separator: " "), limit: limit, offset: offset, foldDuplicates: !all)
        let results = try index.service().search(request)
        var output = StandardOutput()
        if json {
            let encoder = OutputJSON.encoder()
            for hit in results.hits {
                output.write(String(decoding: try encoder.encode(hit), as: UTF8.self) + "\n")
            }
            let elapsed = ContinuousClock.now - start
            let summary = SearchSummary(
                total: results.total, returned: results.hits.count, query: results.query, suggestion: results.suggestion,
                elapsedMilliseconds: (Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))
            output.write(try OutputJSON.string(summary) + "\n")
        } else {
            let style = TerminalStyle.detect()
            HitPrinter(style: style).write(results, to: &output)
            if let suggestion = results.suggestion {
                FileHandle.standardError.write(Data("did you mean: \(suggestion)\n".utf8))
            }
            if results.hits.isEmpty {
                FileHandle.standardError.write(Data("no passage matches \(results.query)\n".utf8))
            }
        }
        if results.hits.isEmpty { throw Concord.Outcome.nothingFound }
    }
}

/// The last line of `concord search --json`.
struct SearchSummary: Encodable {
    let type = "summary"
    var total: Int
    var returned: Int
    var query: String
    var suggestion: String?
    var elapsedMilliseconds: Double

    enum CodingKeys: String, CodingKey {
        case type, total, returned, query, suggestion
        case elapsedMilliseconds = "elapsed_ms"
    }
}
