import ConcordTestSupport
import Foundation
import Testing

@Suite struct IngestCommandTests {
    /// "2 documents: 2 added, 0 updated, 0 unchanged, 0 failed; 63 passages, 10 duplicate groups (0.8 s)".
    static var summary: Regex<(Substring, Substring, Substring, Substring, Substring, Substring, Substring?, Substring, Substring)> { #/^(\d+) documents?: (\d+) added, (\d+) updated, (\d+) unchanged, (\d+) failed(, \d+ removed)?; (\d+) passages, (\d+) duplicate groups? \(\d+\.\d s\)$/# }

    @Test func firstIngestPrintsOneSummaryLineAndExitsZero() throws {
        let corpus = try CorpusCopy()
        let result = try corpus.run("ingest", "Corpus")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 1, "\(result)")
        let match = try #require(result.lines.first?.wholeMatch(of: Self.summary), "\(result)")
        #expect(match.output.1 == "2" && match.output.2 == "2" && match.output.3 == "0" && match.output.4 == "0")
        #expect(match.output.5 == "0")
        #expect((Int(match.output.7) ?? 0) > 0)
        #expect((Int(match.output.8) ?? 0) > 0)
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func secondIngestChangesNothing() throws {
        let corpus = try CorpusCopy()
        let first = try corpus.run("ingest", "Corpus")
        try #require(first.status == 0, "\(first)")
        let second = try corpus.run("ingest", "Corpus")
        #expect(second.status == 0, "\(second)")
        #expect(second.lines.count == 1)
        #expect(second.stdout.hasPrefix("2 documents: 0 added, 0 updated, 2 unchanged, 0 failed;"), "\(second)")
        // The same passages and groups as the first run.
        let counts = { (line: String) in line.split(separator: ";").last.map { $0.split(separator: "(").first } }
        #expect(counts(first.stdout) == counts(second.stdout))
    }

    @Test func unreadableFileIsReportedAndSkipped() throws {
        let corpus = try CorpusCopy()
        try corpus.folder.write("Corpus/broken.txt", Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]))
        let result = try corpus.run("ingest", "Corpus")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("3 documents: 2 added, 0 updated, 0 unchanged, 1 failed;"), "\(result)")
        let report = result.stderr.split(separator: "\n").filter { $0.contains("broken.txt") }
        #expect(report.count == 1, "\(result)")
        #expect(report.first?.contains("binary") == true, "\(result)")

        let strict = try corpus.run("ingest", "Corpus", "--strict")
        #expect(strict.status == 2, "\(strict)")
        #expect(strict.stderr.split(separator: "\n").last?.hasPrefix("concord: ") == true, "\(strict)")
    }

    @Test func missingPathIsReported() throws {
        let corpus = try CorpusCopy()
        let result = try corpus.run("ingest", "Corpus", "nowhere")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("nowhere"), "\(result)")
        #expect(result.stdout.contains("1 failed"), "\(result)")
    }

    /// What permissions deny is named, and costs no document: the commands run as a user without privileges.
    @Test func permissionProblemsAreNamedAndLoseNothing() throws {
        let folder = try TemporaryDirectory("concord-permissions")
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.url.path)
        try folder.write("src/open/a.txt", "Otters swim in the open folder.\n")
        try folder.write("src/closed/b.txt", "Beavers build in the closed folder.\n")
        var cli = CLI(workingDirectory: folder.url)
        cli.user = 65534
        let index = folder.path("idx")
        let closed = folder.path("src/closed")
        func mode(_ path: String, _ mode: Int, recursive: Bool = false) throws {
            let paths = [path] + (recursive ? try FileManager.default.subpathsOfDirectory(atPath: path).map { path + "/" + $0 } : [])
            for path in paths { try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        }
        defer { for path in [closed, index] { try? mode(path, 0o755) } }
        // A file that may not be read is reported and skipped.
        let locked = try folder.write("src/open/locked.txt", "Nobody may read about lynxes.\n")
        try mode(locked.path, 0o000)
        let first = try cli.run(["ingest", "src", "--index", index])
        #expect(first.stdout.hasPrefix("3 documents: 2 added, 0 updated, 0 unchanged, 1 failed"), "\(first)")
        #expect(first.stderr.contains("open/locked.txt: permission denied"), "\(first)")

        // A folder that may not be listed is reported, and its documents stay, even with --prune.
        try mode(closed, 0o000)
        let pruned = try cli.run(["ingest", "src", "--prune", "--index", index])
        #expect(pruned.stderr.contains("closed: cannot list folder: permission denied"), "\(pruned)")
        #expect(!pruned.stderr.contains("removed"), "\(pruned)")
        try mode(closed, 0o755)
        #expect(try cli.run(["search", "beavers", "--index", index]).status == 0)

        // An index that may not be written, or not read, says so.
        try mode(index, 0o555, recursive: true)
        let written = try cli.run(["ingest", "src", "--index", index])
        #expect(written.status == 2, "\(written)")
        #expect(written.stderr == "concord: cannot write to the index \(index): permission denied\n", "\(written)")
        try mode(index, 0o000)
        let read = try cli.run(["search", "otters", "--index", index])
        #expect(read.status == 2, "\(read)")
        #expect(read.stderr == "concord: cannot read the index at \(index): permission denied\n", "\(read)")
    }

    /// Inside a folder, files no reader handles are passed over; named, they are reported with what concord reads.
    @Test func namedFileOfAnotherTypeIsReported() throws {
        let corpus = try CorpusCopy()
        try corpus.folder.write("Corpus/notes.docx", "Not read inside a folder.")
        try corpus.folder.write("notes.docx", "Reported when named.")
        try corpus.folder.write("README", "No type at all.")
        let sidecar = try FileManager.default.contentsOfDirectory(atPath: corpus.folder.url.path + "/Corpus")
            .first { $0.hasSuffix(".meta.json") }
        let result = try corpus.run("ingest", "Corpus", "notes.docx", "README", "Corpus/" + (sidecar ?? ""))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("5 documents: 2 added, 0 updated, 0 unchanged, 3 failed;"), "\(result)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix(
            "notes.docx: unsupported file type (.docx); concord reads .htm, .html, .markdown, .md, .pdf and .txt") },
            "\(result)")
        #expect(lines.contains { $0.hasSuffix("README: no file type; concord reads .htm, .html, .markdown, .md, .pdf and .txt") },
            "\(result)")
        #expect(lines.contains { $0.hasSuffix(".meta.json: a metadata sidecar: it is read with the file it describes") },
            "\(result)")
        #expect(!lines.contains { $0.contains("Corpus/notes.docx") }, "\(result)")
        #expect(try corpus.run("ingest", "Corpus", "notes.docx", "--strict").status == 2)
    }

    @Test(arguments: [["--max-file-size", "0"], ["--min-words", "1"], ["--frobnicate"]])
    func badArgumentsExitTwo(_ arguments: [String]) throws {
        let corpus = try CorpusCopy()
        let result = try corpus.cli.run(["ingest", "Corpus", "--index", corpus.index] + arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("concord: "), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: corpus.index))
    }
}
