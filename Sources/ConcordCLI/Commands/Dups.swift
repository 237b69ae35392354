import ArgumentParser
import ConcordCore
import Foundation

struct Dups: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List duplicate passages across documents, original first.")

    @OptionGroup var index: IndexOptions

    @Option(help: ArgumentHelp("Only groups with a member in this document.", valueName: "docid"))
    var document: String?

    @Option(help: ArgumentHelp("Only groups at least this many words long.", valueName: "N"))
    var minWords = 8

    @Flag(help: "One JSON object per group (or pair).")
    var json = false

    @Flag(help: "The aligned span pairs groups are built from: each span of one document and the span of another that copies it.")
    var pairs = false

    func validate() throws {
        guard minWords >= 1 else { throw ValidationError("--min-words must be at least 1") }
    }

    func run() throws {
        if pairs { return try runPairs() }
        let groups = try index.service().duplicates(document: document, minWords: minWords)
        var output = StandardOutput()
        if json {
            for group in groups { output.write(try OutputJSON.string(group) + "\n") }
        } else {
            let style = TerminalStyle.detect()
            for (index, group) in groups.enumerated() {
                if index > 0 { output.write("\n") }
                output.write(style.bold("group \(group.id)") + style.dim("  \(group.members.count) copies, \(group.words) words") + "\n")
                for member in group.members {
                    let lines = member.lines.count == 2 && member.lines[0] != member.lines[1]
                        ? "\(member.lines[0])-\(member.lines[1])" : "\(member.lines.first ?? 1)"
                    let label = member.original ? style.green("original") : "copy    "
                    output.write("  \(label) \(style.magenta("\(member.document):\(lines)"))  [\(member.span.start)..<\(member.span.end)]\n")
                    let text = member.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    output.write("    " + style.dim(text.count > 160 ? String(text.prefix(157)) + "…" : text) + "\n")
                }
            }
        }
        if groups.isEmpty { throw Concord.Outcome.nothingFound }
    }

    private func runPairs() throws {
        let found = try index.service().duplicatePairs(document: document, minWords: minWords)
        var output = StandardOutput()
        let style = TerminalStyle.detect()
        for pair in found {
            if json {
                output.write(try OutputJSON.string(pair) + "\n")
            } else {
                func place(_ side: DuplicatePair.Side) -> String {
                    let lines = side.lines.count == 2 && side.lines[0] != side.lines[1]
                        ? "\(side.lines[0])-\(side.lines[1])" : "\(side.lines.first ?? 1)"
                    return style.magenta("\(side.document):\(lines)") + " [\(side.span.start)..<\(side.span.end)]"
                }
                output.write("\(place(pair.a))  =  \(place(pair.b))" + style.dim("  \(pair.words) words") + "\n")
            }
        }
        if found.isEmpty { throw Concord.Outcome.nothingFound }
    }
}
