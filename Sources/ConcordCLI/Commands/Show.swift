import ArgumentParser
import ConcordCore
import Foundation

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a document's metadata and passages, or its text.")

    @OptionGroup var index: IndexOptions

    @Argument(help: ArgumentHelp("The document id (see `concord search`).", valueName: "docid"))
    var document: String

    @Flag(help: "Print the document's text as extracted.")
    var text = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let service = try index.service()
        var output = StandardOutput()
        if text {
            let body = try service.documentText(document)
            output.write(body.hasSuffix("\n") ? body : body + "\n")
            return
        }
        let info = try service.document(document)
        if json {
            output.write(try OutputJSON.string(info, pretty: true) + "\n")
            return
        }
        let style = TerminalStyle.detect()
        let metadata = info.metadata
        output.write(style.bold(info.id) + "  \(info.path)\n")
        func field(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { output.write("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)\n") }
        }
        field("title", metadata.title)
        let authors = metadata.author.map { $0.literal ?? [$0.given, $0.family].compactMap { $0 }.joined(separator: " ") }
        field("author", authors.isEmpty ? nil : authors.joined(separator: "; "))
        field("source", metadata.containerTitle ?? metadata.publisher)
        field("issued", metadata.issued?.iso)
        field("url", metadata.url)
        field("language", info.language)
        field("format", info.format)
        field("passages", String(info.passages.count))
        output.write("\n")
        for passage in info.passages {
            let lines = passage.lines.count == 2 && passage.lines[0] != passage.lines[1]
                ? "\(passage.lines[0])-\(passage.lines[1])" : "\(passage.lines.first ?? 1)"
            var tags = passage.kind == "boilerplate" ? " " + style.dim("(boilerplate)") : ""
            if let group = passage.group { tags += " " + style.yellow("[\(group)]") }
            output.write(style.magenta("\(passage.id)") + "  lines \(lines)\(tags)\n")
            let text = passage.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            output.write("  " + (text.count > 200 ? String(text.prefix(197)) + "…" : text) + "\n")
        }
    }
}
