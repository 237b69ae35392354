import ConcordTestSupport
import Foundation
import Testing

@testable import ConcordCore

#if canImport(Glibc)
import Glibc
#endif

/// A few hundred small, realistic documents made from the example corpus's paragraphs: each paragraph numbered and
/// every third word swapped (so documents differ), and some passages copied verbatim or lightly edited into later
/// documents, a few of which carry an earlier date than their source.
enum GeneratedCorpus {
    static func write(documents: Int, to folder: URL) throws -> [String] {
        let texts = try ExampleCorpus.fileNames.map { try ExampleCorpus.text($0) }
        let paragraphs = texts.flatMap { text in
            text.components(separatedBy: "\n\n")
                .map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
                .filter { $0.count >= 15 }
                .map { Array($0.prefix(36)) }
        }
        let vocabulary = Array(Set(texts.joined(separator: " ").lowercased()
            .split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count > 2 })).sorted()
        var random = SplitMix64(seed: 2024)
        var written: [[String]] = []
        var ids: [String] = []
        for i in 0..<documents {
            var body: [String] = []
            for k in 0..<3 {
                let words = paragraphs[(i * 7 + k * 11) % paragraphs.count].enumerated().map { j, word in
                    (j + i + k) % 3 == 0 ? vocabulary[Int(random.next() % UInt64(vocabulary.count))] : word
                }
                body.append("(\(i + 1).\(k + 1)) " + words.joined(separator: " "))
            }
            // Copies: verbatim from the previous document, or edited from the one before it.
            if i % 10 == 3 { body.append(written[i - 1][1]) }
            if i % 25 == 7 {
                var words = written[i - 2][2].split(separator: " ").map(String.init)
                words[words.count / 2] = "notably"
                words.insert("indeed", at: words.count / 3)
                body.append(words.joined(separator: " "))
            }
            written.append(body)
            let name = String(format: "part-%d/report-%03d.txt", i / 100, i)
            let file = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let text = "Field report \(i + 1)\n\n" + body.map(wrapped).joined(separator: "\n\n") + "\n"
            try Data(text.utf8).write(to: file)
            if i % 20 == 13 {
                let sidecar = #"{"title": "Field report \#(i + 1)", "issued": {"date-parts": [[2020, 1, \#(i % 28 + 1)]]}}"#
                try Data(sidecar.utf8).write(to: folder.appendingPathComponent(name + ".meta.json"))
            }
            ids.append(DocumentID.slug(relativePath: name))
        }
        return ids
    }

    /// Hard-wraps a paragraph at 78 columns, as text extracted from a PDF is.
    static func wrapped(_ paragraph: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in paragraph.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > 78 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// A small deterministic generator (Vigna's SplitMix64).
    struct SplitMix64 {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// `concord ingest` killed with SIGKILL at several moments: the index always opens, holds only whole documents,
/// and one more ingest brings it to exactly what an uninterrupted ingest gives.
@Suite(.serialized) struct IngestKillTests {
    let folder: TemporaryDirectory
    let cli: CLI

    init() throws {
        folder = try TemporaryDirectory("concord-kill")
        cli = CLI(workingDirectory: folder.url)
    }

    @Test func killedIngestLeavesWholeDocumentsAndResumes() async throws {
        let ids = try GeneratedCorpus.write(documents: 300, to: folder.url.appendingPathComponent("corpus"))

        // The reference: one uninterrupted ingest.
        let clock = ContinuousClock()
        let start = clock.now
        let reference = try cli.run("ingest", "corpus", "--index", "reference")
        let duration = clock.now - start
        try #require(reference.status == 0, "\(reference)")
        #expect(reference.stdout.hasPrefix("300 documents: 300 added"), "\(reference)")
        let referenceService = try ConcordService(indexPath: folder.path("reference"))
        var passages: [String: [Passage]] = [:]
        for id in ids { passages[id] = try referenceService.document(id).passages }
        let referenceStats = try statsJSON("reference")
        let referenceGroups = try cli.run("dups", "--json", "--index", "reference")
        #expect(referenceGroups.status == 0)
        #expect(((referenceStats["groups"] as? NSNumber)?.intValue ?? 0) >= 30, "the generated copies make groups")

        // Kills while files are read and between commits (small batches), each run going on from what the
        // previous one left; then, on a fresh index, one right when the summary would be printed (after the
        // last commit, in duplicate detection).
        let total = Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
        for delay in [50, 150, 400, total / 2] {
            try await killedIngest(index: "killed", after: delay, arguments: ["--batch-bytes", "40000"])
            try checkWhole(index: "killed", passages: passages, after: "a kill at \(delay) ms")
        }
        try await killedIngest(index: "late", after: total - 30)
        try checkWhole(index: "late", passages: passages, after: "a kill at \(total - 30) ms")

        for index in ["killed", "late"] {
            let resumed = try cli.run("ingest", "corpus", "--index", index)
            #expect(resumed.status == 0, "\(resumed)")
            var stats = try statsJSON(index)
            var expected = referenceStats
            stats["index_bytes"] = nil
            expected["index_bytes"] = nil
            #expect(NSDictionary(dictionary: stats) == NSDictionary(dictionary: expected), "\(index): \(stats)")
            let groups = try cli.run("dups", "--json", "--index", index)
            #expect(groups.lines == referenceGroups.lines, "\(index)")
            try checkWhole(index: index, passages: passages, after: "the resumed ingest")
        }
    }

    /// Starts `concord ingest corpus --index index arguments…` and kills it with SIGKILL after `delay` ms (when it
    /// has not finished by then).
    private func killedIngest(index: String, after delay: Int, arguments: [String] = []) async throws {
        let process = try cli.start(["ingest", "corpus", "--index", index] + arguments)
        try await Task.sleep(for: .milliseconds(max(delay, 1)))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        for pipe in [process.standardOutput, process.standardError] { try (pipe as? Pipe)?.fileHandleForReading.close() }
    }

    /// The index opens, and every document in it has exactly the reference's passages, and nothing else is there.
    private func checkWhole(index: String, passages: [String: [Passage]], after moment: String) throws {
        guard FileManager.default.fileExists(atPath: folder.path(index + "/iamglass")) else {
            // Killed before Xapian made the database: nothing was written, and concord says there is no index.
            let stats = try cli.run("stats", "--json", "--index", index)
            #expect(stats.status == 2 && stats.stderr.contains("no index"), "\(moment): \(stats)")
            return
        }
        let stats = try statsJSON(index, moment)
        let service = try ConcordService(indexPath: folder.path(index))
        var documents = 0
        var total = 0
        for (id, expected) in passages {
            let document: DocumentInfo
            do {
                document = try service.document(id)
            } catch let error as ConcordError where error.code == .notFound {
                continue
            }
            documents += 1
            total += document.passages.count
            #expect(document.passages.map(\.id) == expected.map(\.id), "\(moment): \(id)")
            #expect(document.passages.map(\.text) == expected.map(\.text), "\(moment): \(id)")
            #expect(document.passages.map(\.span) == expected.map(\.span), "\(moment): \(id)")
        }
        #expect((stats["documents"] as? NSNumber)?.intValue == documents, "\(moment)")
        #expect((stats["passages"] as? NSNumber)?.intValue == total, "\(moment): passages without their document")
    }

    private func statsJSON(_ index: String, _ moment: String = "") throws -> [String: Any] {
        let result = try cli.run("stats", "--json", "--index", index)
        try #require(result.status == 0, "\(moment): \(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }
}
