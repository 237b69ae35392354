import ConcordTestSupport
import Foundation
import Testing

@Suite struct CiteCommandTests {
    static let quote = "where NATO goes, war is most likely"

    @Test func namesTheOriginalFirstWithLinesAndTheQuoteAsEachSourceHasIt() throws {
        let result = try SharedIndex.run("cite", Self.quote)
        #expect(result.status == 0, "\(result)")
        let blocks = result.stdout.split(separator: "\n\n").map { $0.split(separator: "\n").map(String.init) }
        try #require(blocks.count == 2, "\(result)")
        #expect(blocks[0][0] == "original  \(DocumentIDs.memo)")
        #expect(blocks[1][0] == "republication  \(DocumentIDs.republication)")
        #expect(blocks[0].contains("  “Where NATO goes, war is most likely”"), "\(blocks[0])")
        #expect(blocks[1].contains("  “where NATO goes, war is most likely”"), "\(blocks[1])")
        #expect(blocks[0].contains { $0.contains("line 93") })
        #expect(blocks[1].contains { $0.contains("line 97") })
        #expect(blocks[0][1].contains("Sacks"))
        #expect(blocks[1][1].contains("Does NATO have a role in the Indo-Pacific region?"))
    }

    @Test func jsonQuotesAreExactlyTheSourcesText() throws {
        let result = try SharedIndex.run("cite", Self.quote, "--json")
        #expect(result.status == 0, "\(result)")
        let set = try JSON.object(result.stdout)
        let original = try #require(set.object("original"))
        let copies = try #require(set.array("republications"))
        #expect(original.string("document") == DocumentIDs.memo)
        #expect(original["original"] as? Bool == true)
        #expect(copies.map { $0.string("document") } == [DocumentIDs.republication])
        for citation in [original] + copies {
            let document = try #require(citation.string("document"))
            let text = try SharedIndex.run("show", document, "--text").stdout
            let span = try #require(citation.span)
            let quoted = try #require(scalars(of: text, span))
            #expect(citation.string("quote") == quoted)
            #expect(quoted.lowercased() == Self.quote.lowercased())
            let lines = try #require(citation.ints("lines"))
            let line = text.unicodeScalars.prefix(span.lowerBound).filter { $0 == "\n" }.count + 1
            #expect(lines.first == line)
        }
        #expect(original.string("quote") == "Where NATO goes, war is most likely")
    }

    @Test func bibtexHasOneEntryPerSource() throws {
        let result = try SharedIndex.run("cite", Self.quote, "--format", "bibtex")
        #expect(result.status == 0, "\(result)")
        let entries = result.stdout.split(separator: "\n\n")
        #expect(entries.count == 2)
        for entry in entries {
            #expect(entry.wholeMatch(of: #/@[a-z]+\{[A-Za-z0-9_:-]+,\n(  [a-z]+ = \{.*\},?\n)+\}\n?/#) != nil, "\(entry)")
            #expect(entry.contains("author = {Sacks, David}"))
        }
        #expect(entries.last?.contains("journal = {China Factor}") == true)
        #expect(entries.first?.contains("line 93") == true)
    }

    @Test func risHasOneRecordPerSource() throws {
        let result = try SharedIndex.run("cite", Self.quote, "--format", "ris")
        #expect(result.status == 0, "\(result)")
        // RIS ends its lines with CR LF.
        #expect(result.stdout.hasPrefix("TY  - GEN\r\n"))
        let lines = result.stdout.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.filter { $0.hasPrefix("TY  - ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("ER  -") }.count == 2)
        #expect(lines.allSatisfy { $0.wholeMatch(of: #/[A-Z][A-Z0-9]  - ?.*/#) != nil }, "\(result)")
        #expect(lines.contains("AU  - Sacks, David"))
        #expect(lines.contains("TI  - Does NATO have a role in the Indo-Pacific region?"))
    }

    @Test func cslJSONIsAnArrayOfItemsOriginalFirst() throws {
        let result = try SharedIndex.run("cite", Self.quote, "--format", "csl-json")
        #expect(result.status == 0, "\(result)")
        let items = try #require(try JSON.value(result.stdout) as? [[String: Any]])
        #expect(items.map { $0.string("id") } == [DocumentIDs.memo, DocumentIDs.republication])
        for item in items {
            #expect(item.string("type") != nil)
            #expect((item["author"] as? [[String: Any]])?.first?.string("family") == "Sacks")
        }
        #expect(items[1].string("title") == "Does NATO have a role in the Indo-Pacific region?")
        #expect(items[1].string("container-title") == "China Factor")
        // Nothing invented: the memo's sidecar and text give no title or date.
        #expect(items[0]["title"] == nil && items[0]["issued"] == nil)
    }

    @Test(arguments: ["chicago", "mla", "apa"])
    func textStylesCiteBothSources(_ format: String) throws {
        let result = try SharedIndex.run("cite", Self.quote, "--format", format)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "original  \(DocumentIDs.memo)")
        #expect(result.stdout.contains("republication  \(DocumentIDs.republication)"))
        let references = result.lines.filter { $0.hasPrefix("  Sacks, D") }
        #expect(references.count == 2, "\(result)")
        if format != "apa" { #expect(references[1].contains("“Does NATO Have a Role in the Indo-Pacific Region?”")) }
    }

    @Test func citingAPassageById() throws {
        let result = try SharedIndex.run("cite", "--passage", "\(DocumentIDs.republication).p40", "--json")
        #expect(result.status == 0, "\(result)")
        #expect(try JSON.object(result.stdout).object("original")?.string("document") == DocumentIDs.memo)
        let unknown = try SharedIndex.run("cite", "--passage", "nope.p1")
        #expect(unknown.status == 2, "\(unknown)")
    }

    @Test func quoteFoundNowhereExitsOne() throws {
        let result = try SharedIndex.run("cite", "nothing like this sentence is in either source")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [["--format", "harvard"], [], ["some", "quote", "--passage", "x.p1"]])
    func badArgumentsExitTwo(_ arguments: [String]) throws {
        let result = try SharedIndex.corpus.cli.run(["cite"] + arguments + ["--index", SharedIndex.corpus.index])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
    }
}
