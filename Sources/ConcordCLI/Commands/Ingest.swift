import ArgumentParser
import ConcordCore
import Foundation

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add files and folders to the index (.txt, .md, .html, .htm, .pdf).",
        discussion: """
            Unchanged files are skipped, changed ones replace their passages; --prune removes documents whose \
            files are gone. A file that cannot be read is reported and skipped. Metadata comes from a sidecar \
            FILE.meta.json (CSL-JSON), the file itself, then the text.
            """)

    @OptionGroup var index: IndexOptions

    @Argument(help: ArgumentHelp("Files and folders to ingest.", valueName: "path"))
    var paths: [String] = ["Corpus"]

    @Flag(help: "Remove documents whose files are gone.")
    var prune = false

    @Flag(help: "Exit 2 when any file failed.")
    var strict = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Skip text files larger than this many megabytes.", valueName: "MB"))
    var maxFileSize = 64

    @Option(help: ArgumentHelp("Shortest duplicate span, in words.", valueName: "N"))
    var minWords = 8

    /// Input bytes per committed transaction (IngestOptions.batchBytes); hidden: for tests that stop an ingest.
    @Option(help: ArgumentHelp("Input bytes per committed batch.", valueName: "bytes", visibility: .hidden))
    var batchBytes = IngestOptions(roots: []).batchBytes

    func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard minWords >= 2 else { throw ValidationError("--min-words must be at least 2") }
        guard batchBytes > 0 else { throw ValidationError("--batch-bytes must be positive") }
    }

    func run() async throws {
        Ingester.reuseFreedMemory()
        let progress = ProgressBar(enabled: isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb")
        let style = TerminalStyle.detect(fileDescriptor: 2)
        let options = IngestOptions(
            roots: paths, prune: prune, sizeLimit: maxFileSize << 20, batchBytes: batchBytes, minWords: minWords)
        let summary = try await Ingester(indexPath: index.path, options: options).run { event in
            switch event {
            case .discovered(let files, let bytes):
                progress.begin(files: files, bytes: bytes)
            case .processed(_, let bytes, _):
                progress.advance(bytes: bytes)
            case .failed(let path, let reason):
                progress.message(style.yellow("skipped") + " \(path): \(reason)")
                progress.advance(bytes: 0)
            case .removed(let document):
                progress.message("removed \(document)")
            case .detectingDuplicates(let documents):
                progress.phase("finding duplicates in \(documents) document\(documents == 1 ? "" : "s")…")
            }
        }
        progress.finish()
        if json {
            print(try OutputJSON.string(summary))
        } else {
            print(summary.line)
        }
        if strict && summary.failed > 0 {
            throw ConcordError(.ingestFailed, "\(summary.failed) file\(summary.failed == 1 ? "" : "s") failed (--strict)")
        }
    }
}
