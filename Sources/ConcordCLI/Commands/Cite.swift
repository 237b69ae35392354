import ArgumentParser
import ConcordCore
import Foundation

extension CitationStyle: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct Cite: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cite a quote: where it comes from, original first, then republications.",
        discussion: "Formats: apa (default), chicago, mla, bibtex, ris, csl-json.")

    @OptionGroup var index: IndexOptions

    @Argument(help: ArgumentHelp("The quote (several words are joined).", valueName: "quote"))
    var quote: [String] = []

    @Option(help: ArgumentHelp("Cite this passage instead of a quote.", valueName: "id"))
    var passage: String?

    @Option(help: "The citation format.")
    var format: CitationStyle = .apa

    @Flag(help: "Print the citations as JSON.")
    var json = false

    func validate() throws {
        if passage == nil && quote.isEmpty { throw ValidationError("give a quote or --passage ID") }
        if passage != nil && !quote.isEmpty { throw ValidationError("give a quote or --passage ID, not both") }
    }

    func run() throws {
        let request = try passage.map { try CiteRequest(passage: $0, style: format) }
            ?? CiteRequest(quote: quote.joined(separator: " "), style: format)
        let set: CitationSet
        do {
            set = try index.service().cite(request)
        } catch let error as ConcordError where error.code == .notFound && passage == nil {
            FileHandle.standardError.write(Data("concord: \(error.message)\n".utf8))
            throw Concord.Outcome.nothingFound
        }
        var output = StandardOutput()
        if json {
            output.write(try OutputJSON.string(set, pretty: true) + "\n")
            return
        }
        switch format {
        case .bibtex, .ris, .cslJSON:
            output.write(set.rendered())
        default:
            let style = TerminalStyle.detect()
            for citation in set.citations {
                let label = citation.original ? style.green("original") : style.yellow("republication")
                output.write("\(label)  \(style.magenta(citation.document))\n")
                output.write("  \(citation.reference)\n")
                output.write("  \(citation.locator)  [\(citation.span.start)..<\(citation.span.end)]\n")
                let quote = citation.quote.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                output.write("  “\(quote)”\n")
                if let url = citation.url { output.write("  \(url)\n") }
                output.write("\n")
            }
        }
    }
}
