import ConcordTestSupport
import Foundation
import Testing

@Suite struct ShowCommandTests {
    @Test(arguments: [DocumentIDs.memo, DocumentIDs.republication])
    func passagesQuoteTheTextExactly(_ document: String) throws {
        let json = try SharedIndex.run("show", document, "--json")
        #expect(json.status == 0, "\(json)")
        let text = try SharedIndex.run("show", document, "--text")
        #expect(text.status == 0)
        let info = try JSON.object(json.stdout)
        #expect(info.string("id") == document)
        let passages = try #require(info.array("passages"))
        #expect(!passages.isEmpty)
        var previousEnd = 0
        for passage in passages {
            let span = try #require(passage.span)
            let quoted = try #require(scalars(of: text.stdout, span), "span \(span) outside the text")
            #expect(Array((passage.string("text") ?? "").unicodeScalars) == Array(quoted.unicodeScalars))
            #expect(passage.string("document") == document)
            #expect(passage.string("id")?.hasPrefix(document + ".p") == true)
            #expect(span.lowerBound >= previousEnd)
            previousEnd = span.upperBound
            let lines = try #require(passage.ints("lines"))
            let first = text.stdout.unicodeScalars.prefix(span.lowerBound).filter { $0 == "\n" }.count + 1
            #expect(lines.first == first)
        }
        #expect(passages.contains { $0.string("group") != nil })
    }

    @Test func textIsTheFileForPlainText() throws {
        let text = try SharedIndex.run("show", DocumentIDs.memo, "--text")
        let file = try ExampleCorpus.text(ExampleCorpus.fileNames[0])
        #expect(text.stdout == (file.hasSuffix("\n") ? file : file + "\n"))
    }

    @Test func textOutputListsMetadataAndPassages() throws {
        let result = try SharedIndex.run("show", DocumentIDs.republication)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first?.hasPrefix(DocumentIDs.republication + "  ") == true)
        #expect(result.stdout.contains("  title      Does NATO have a role in the Indo-Pacific region?"))
        #expect(result.stdout.contains("  author     David Sacks"))
        #expect(result.stdout.contains("\(DocumentIDs.republication).p1  lines "))
    }

    @Test(arguments: [["unknown"], ["unknown", "--json"], ["unknown", "--text"]])
    func unknownDocumentExitsTwo(_ arguments: [String]) throws {
        let result = try SharedIndex.corpus.cli.run(["show"] + arguments + ["--index", SharedIndex.corpus.index])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "concord: no document unknown\n")
    }

    /// A document's file name is not its id; the error names the id.
    @Test func fileNameLeadsToTheDocumentID() throws {
        let name = ExampleCorpus.fileNames[0]
        let result = try SharedIndex.corpus.cli.run(["show", name, "--index", SharedIndex.corpus.index])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "concord: no document \(name); its document id is \(DocumentIDs.memo)\n")
    }
}

@Suite struct StatsCommandTests {
    @Test func jsonCountsTheIndex() throws {
        let result = try SharedIndex.run("stats", "--json")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 1)
        let stats = try JSON.object(result.stdout)
        #expect(stats.int("documents") == 2)
        #expect((stats.int("passages") ?? 0) > 0)
        #expect((stats.int("groups") ?? 0) > 0)
        #expect((stats.int("index_bytes") ?? 0) > 0)
        #expect((stats["languages"] as? [String: Any])?.mapValues { ($0 as? NSNumber)?.intValue } == ["en": 2])
    }

    @Test func textListsTheSameFigures() throws {
        let result = try SharedIndex.run("stats")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "documents  2")
        #expect(result.stdout.contains("languages  en 2"))
    }
}

@Suite struct DupsCommandTests {
    /// The extracted texts of both example documents, by id, as `show --text` prints them.
    private func exampleTexts() throws -> [String: String] {
        var texts: [String: String] = [:]
        for document in [DocumentIDs.memo, DocumentIDs.republication] {
            texts[document] = try SharedIndex.run("show", document, "--text").stdout
        }
        return texts
    }

    @Test func jsonGroupsHaveMembersWithLocationsAndOneOriginal() throws {
        let result = try SharedIndex.run("dups", "--json")
        #expect(result.status == 0, "\(result)")
        let groups = try result.lines.map { try JSON.object($0) }
        #expect(!groups.isEmpty)
        let texts = try exampleTexts()
        for group in groups {
            let members = try #require(group.array("members"))
            #expect(Set(members.compactMap { $0.string("document") }).count >= 2)
            #expect(members.filter { $0["original"] as? Bool == true }.count == 1)
            #expect(members.first?["original"] as? Bool == true, "original first")
            #expect(group.string("original") == members.first?.string("document"))
            // Neither document has a date, and the memo was ingested first.
            #expect(group.string("original") == DocumentIDs.memo)
            #expect((group.int("words") ?? 0) >= 8)
            for member in members {
                let document = try #require(member.string("document"))
                let span = try #require(member.span)
                #expect(member.string("text") == scalars(of: texts[document] ?? "", span))
                let lines = try #require(member.ints("lines"))
                #expect(lines.count == 2 && lines[0] <= lines[1])
            }
        }
    }

    @Test func textMarksTheOriginal() throws {
        let result = try SharedIndex.run("dups")
        #expect(result.status == 0, "\(result)")
        let blocks = result.stdout.split(separator: "\n\n")
        #expect(!blocks.isEmpty)
        for block in blocks {
            let lines = block.split(separator: "\n")
            #expect(lines.first?.hasPrefix("group g") == true)
            #expect(lines.filter { $0.hasPrefix("  original \(DocumentIDs.memo):") }.count == 1, "\(block)")
            #expect(lines.contains { $0.hasPrefix("  copy     \(DocumentIDs.republication):") }, "\(block)")
        }
    }

    @Test func documentFilterKeepsItsGroups() throws {
        let all = try SharedIndex.run("dups", "--json").lines
        let memo = try SharedIndex.run("dups", "--json", "--document", DocumentIDs.memo)
        #expect(memo.status == 0)
        #expect(memo.lines == all, "both documents share every group")
        let longOnly = try SharedIndex.run("dups", "--json", "--min-words", "40")
        #expect(longOnly.lines.count < all.count)
        for line in longOnly.lines { #expect((try JSON.object(line).int("words") ?? 0) >= 40) }
        let none = try SharedIndex.run("dups", "--min-words", "100000")
        #expect(none.status == 1, "\(none)")
    }

    @Test func pairsAreTheAlignedSpansOnBothSidesAndCoverTheGroups() throws {
        let result = try SharedIndex.run("dups", "--pairs", "--json")
        #expect(result.status == 0, "\(result)")
        let pairs = try result.lines.map { try JSON.object($0) }
        #expect(!pairs.isEmpty)
        let texts = try exampleTexts()
        var covered: [String: [Range<Int>]] = [:]
        for pair in pairs {
            let a = try #require(pair["a"] as? [String: Any])
            let b = try #require(pair["b"] as? [String: Any])
            #expect(a.string("document") == DocumentIDs.memo && b.string("document") == DocumentIDs.republication)
            #expect((pair.int("words") ?? 0) >= 8)
            for side in [a, b] {
                let span = try #require(side.span)
                let lines = try #require(side.ints("lines"))
                #expect(lines.count == 2 && lines[0] <= lines[1])
                #expect(scalars(of: texts[side.string("document") ?? ""] ?? "", span)?.isEmpty == false)
                covered[side.string("document") ?? "", default: []].append(span)
            }
        }
        // Every member of every group lies inside an aligned span of its document.
        for line in try SharedIndex.run("dups", "--json").lines {
            for member in try #require(try JSON.object(line).array("members")) {
                let span = try #require(member.span)
                let document = try #require(member.string("document"))
                #expect(covered[document, default: []].contains { $0.lowerBound <= span.lowerBound && span.upperBound <= $0.upperBound }, "\(member)")
            }
        }
        let text = try SharedIndex.run("dups", "--pairs")
        #expect(text.status == 0 && text.lines.count == pairs.count)
        #expect(text.lines.allSatisfy { $0.contains(" = ") && $0.hasSuffix("words") })
    }

    @Test(arguments: [["--document", "unknown"], ["--min-words", "0"], ["--min-words", "x"], ["--pairs", "--document", "unknown"]])
    func badDocumentOrArgumentExitsTwo(_ arguments: [String]) throws {
        let result = try SharedIndex.corpus.cli.run(["dups"] + arguments + ["--index", SharedIndex.corpus.index])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("concord: "))
    }
}

@Suite struct HelpTests {
    @Test(arguments: [["--help"], ["search", "--help"], ["help", "cite"], ["--version"]])
    func helpExitsZero(_ arguments: [String]) throws {
        let result = try CLI(workingDirectory: URL(fileURLWithPath: NSTemporaryDirectory())).run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func rootHelpListsTheCommands() throws {
        let result = try CLI(workingDirectory: URL(fileURLWithPath: NSTemporaryDirectory())).run("--help")
        for command in ["ingest", "search", "dups", "cite", "show", "stats"] {
            #expect(result.stdout.contains("  \(command)"), "\(command)")
        }
    }
}
