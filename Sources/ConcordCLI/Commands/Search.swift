import ArgumentParser
import ConcordCore
import Foundation

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search passages; copies of a passage are folded into one hit.",
        discussion: """
            Xapian's query syntax: words, "phrases", AND OR NOT, +must -mustnot, word*, title: author: \
            source: doc: prefixes and date:2024-01-01..2024-12-31 ranges (or date:2020..2021-06, by year or month). Documents are ranked by BM25 over \
            their whole text, then their best passages are shown (up to 3 per document when several match). \
            Exit status: 0 found, 1 nothing found, 2 error.
            """)

    @OptionGroup var index: IndexOptions

    @Argument(help: ArgumentHelp("A query in Xapian's syntax (several words are joined).", valueName: "query"))
    var query: [String]

    @Option(help: "Hits to show.")
    var limit = 10

    @Option(help: "Hits to skip.")
    var offset = 0

    @Flag(help: "Show every copy of a passage as its own hit, and every matching passage of each document.")
    var all = false

    @Flag(help: "One JSON object per hit, then a summary object.")
    var json = false

    // `concord` itself runs searches (ConcordLauncher); this runs when it hands one over, e.g. from
    // `concord-cli search` directly. Both print through `SearchOutput`.
    func run() throws {
        let start = ContinuousClock.now
        let request = try SearchRequest(query: query.joined(separator: " "), limit: limit, offset: offset, foldDuplicates: !all)
        let results = try index.service().search(request)
        var output = StandardOutput()
        if json {
            let elapsed = ContinuousClock.now - start
            output.write(try SearchOutput.jsonLines(
                results,
                elapsedMilliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))
        } else {
            output.write(SearchOutput.text(results, style: TerminalStyle.detect()))
            FileHandle.standardError.write(Data(SearchOutput.notes(results).utf8))
        }
        if results.hits.isEmpty { throw Concord.Outcome.nothingFound }
    }
}
