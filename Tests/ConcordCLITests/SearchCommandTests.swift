import ConcordTestSupport
import Foundation
import Testing

@Suite struct SearchCommandTests {
    /// `DOCID:LINE` and, when known, two spaces and `title — author`.
    static var heading: Regex<(Substring, Substring, Substring, Substring?)> { #/^([a-z0-9][a-z0-9-]*):(\d+)(  .+)?$/# }

    @Test func hitsArePrintedAsBlocksWithMarkedMatchesAndCopies() throws {
        let result = try SharedIndex.run("search", "Taiwan Strait")
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("\u{1B}"), "colours without a terminal")
        let blocks = result.stdout.split(separator: "\n\n").map { $0.split(separator: "\n").map(String.init) }
        #expect(blocks.count >= 2)
        for block in blocks {
            let heading = try #require(block.first?.wholeMatch(of: Self.heading), "\(block)")
            #expect([DocumentIDs.memo, DocumentIDs.republication].contains(String(heading.output.1)))
            #expect((Int(heading.output.2) ?? 0) >= 1)
            #expect(block.count >= 2 && block[1].hasPrefix("  "), "\(block)")
            #expect(block.count <= 3)
            if block.count == 3 { #expect(block[2].hasPrefix("  also in: "), "\(block)") }
        }
        #expect(blocks.contains { $0.count > 1 && $0[1].contains("*Taiwan*") && $0[1].contains("*Strait*") })
        let copies = try #require(blocks.first { $0.count == 3 }?[2], "no hit lists its copies")
        #expect(copies.wholeMatch(of: #/  also in: [a-z0-9-]+:\d+(, [a-z0-9-]+:\d+)*/#) != nil, "\(copies)")
    }

    @Test func jsonLinesCarryEveryHitFieldThenASummary() throws {
        let result = try SharedIndex.run("search", "Taiwan Strait", "--json")
        #expect(result.status == 0, "\(result)")
        let objects = try result.lines.map { try JSON.object($0) }
        let summary = try #require(objects.last)
        #expect(summary.string("type") == "summary")
        #expect((summary.int("total") ?? 0) >= objects.count - 1)
        #expect(summary["elapsed_ms"] is NSNumber)
        let hits = objects.dropLast()
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(hit.string("passage")?.isEmpty == false)
            let document = try #require(hit.object("document"))
            for key in ["id", "title", "author", "source", "issued"] {
                #expect(document.keys.contains(key), "document lacks \(key): \(document)")
            }
            let span = try #require(hit.span)
            #expect(span.lowerBound < span.upperBound)
            let lines = try #require(hit.ints("lines"))
            #expect(lines.count == 2 && lines[0] >= 1 && lines[0] <= lines[1])
            #expect(hit.string("snippet")?.contains("<mark>") == true)
            #expect(hit["score"] is NSNumber)
            let duplicates = try #require(hit["duplicates"] as? [[String: Any]])
            for duplicate in duplicates {
                #expect(duplicate.string("passage") != nil && duplicate.string("document") != nil)
                #expect(duplicate.span != nil && duplicate.ints("lines")?.count == 2)
            }
        }
        #expect(hits.contains { ($0["duplicates"] as? [Any])?.isEmpty == false })
    }

    @Test func allShowsEveryCopyAsItsOwnHit() throws {
        let folded = try SharedIndex.run("search", "Taiwan Strait", "--json", "--limit", "100")
        let unfolded = try SharedIndex.run("search", "Taiwan Strait", "--json", "--limit", "100", "--all")
        #expect(folded.status == 0 && unfolded.status == 0)
        let foldedHits = try folded.lines.dropLast().map { try JSON.object($0) }
        let unfoldedHits = try unfolded.lines.dropLast().map { try JSON.object($0) }
        #expect(unfoldedHits.count >= foldedHits.count)
        let unfoldedPassages = Set(unfoldedHits.compactMap { $0.string("passage") })
        #expect(Set(foldedHits.compactMap { $0.string("passage") }).isSubset(of: unfoldedPassages))
        // A folded hit's copies that match the query come back as hits of their own.
        let copies = foldedHits.flatMap { $0.array("duplicates") ?? [] }.compactMap { $0.string("passage") }
        #expect(!copies.isEmpty)
        #expect(copies.contains { unfoldedPassages.contains($0) })
        #expect(unfoldedHits.count > foldedHits.count)
    }

    @Test func pagesFollowOneAnotherWithoutOverlap() throws {
        // Unfolded, every matching passage is a hit: more than two pages of three.
        func passages(_ arguments: String...) throws -> [String] {
            let result = try SharedIndex.corpus.cli.run(
                ["search", "NATO", "--json", "--all"] + arguments + ["--index", SharedIndex.corpus.index])
            try #require(result.status == 0, "\(result)")
            return try result.lines.dropLast().map { try #require(try JSON.object($0).string("passage")) }
        }
        let first = try passages("--limit", "3")
        let second = try passages("--limit", "3", "--offset", "3")
        let both = try passages("--limit", "6")
        #expect(first.count == 3 && second.count == 3)
        #expect(Set(first).isDisjoint(with: second))
        #expect(first + second == both)

        let pastTheEnd = try SharedIndex.run("search", "NATO", "--offset", "5000")
        #expect(pastTheEnd.status == 1, "\(pastTheEnd)")
        #expect(pastTheEnd.stdout.isEmpty)
    }

    @Test func queryWithoutMatchExitsOne() throws {
        let result = try SharedIndex.run("search", "zyzzyvaqx")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        let json = try SharedIndex.run("search", "zyzzyvaqx", "--json")
        #expect(json.status == 1)
        #expect(try JSON.object(try #require(json.lines.last)).int("total") == 0)
    }

    @Test(arguments: ["date:2024-01-01..garbage", "NATO date:garbage..2024-01-01", "NATO AND", "NOT"])
    func queryTheParserRejectsExitsTwoWithOneLine(_ query: String) throws {
        let result = try SharedIndex.run("search", query)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("concord: cannot parse the query"), "\(result)")
    }

    /// A range whose dates cannot be read says how dates are written.
    @Test(arguments: ["date:2024-13..2024-14", "date:yesterday..today"])
    func unreadableDatesSayHowToWriteThem(_ query: String) throws {
        let result = try SharedIndex.run("search", query)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "concord: cannot parse the query: a date range is written date:2024-01-01..2024-12-31 "
            + "(or date:2024..2025-06, by year or month; either end may be left out)\n", "\(result)")
    }

    @Test(arguments: ["title:(", "\"unclosed AND ("])
    func strayBracketsAndQuotesAreReadAsText(_ query: String) throws {
        let result = try SharedIndex.run("search", query)
        #expect([0, 1].contains(result.status), "\(result)")
    }

    @Test(arguments: [["--limit", "0"], ["--limit", "abc"], ["--offset", "-1"], ["--frobnicate"], ["--limit"]])
    func badArgumentsExitTwoWithOneLine(_ arguments: [String]) throws {
        let result = try SharedIndex.corpus.cli.run(["search", "NATO"] + arguments + ["--index", SharedIndex.corpus.index])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("concord: "), "\(result)")
    }

    @Test func emptyQueryIsAnError() throws {
        let result = try SharedIndex.run("search", "  ")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.hasPrefix("concord: "))
    }

    @Test(arguments: ["missing", "empty"])
    func missingIndexNamesThePathAndHowToCreateIt(_ kind: String) throws {
        let folder = try TemporaryDirectory("concord-cli-noindex")
        let index = folder.path("idx")
        if kind == "empty" { try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: true) }
        let result = try CLI(workingDirectory: folder.url).run("search", "NATO", "--index", index)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("concord: "))
        #expect(result.stderr.contains(index))
        #expect(result.stderr.contains("concord ingest"))
    }

    @Test func defaultIndexComesFromTheEnvironmentThenIndex() throws {
        let folder = try TemporaryDirectory("concord-cli-default")
        let fallback = try CLI(workingDirectory: folder.url).run("stats")
        #expect(fallback.status == 2)
        #expect(fallback.stderr.contains("no index at Index"), "\(fallback)")

        let fromEnvironment = try CLI(
            workingDirectory: folder.url, environment: ["CONCORD_INDEX": SharedIndex.corpus.index]
        ).run("search", "Taiwan")
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
    }
}
