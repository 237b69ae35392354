import ConcordTestSupport
import Foundation
import Testing

/// A copy of `Corpus/` (with its sidecars) in a temporary folder, and `concord` run there.
struct CorpusCopy {
    let folder: TemporaryDirectory
    let cli: CLI

    init() throws {
        folder = try TemporaryDirectory("concord-cli")
        let copy = folder.url.appendingPathComponent("Corpus")
        try FileManager.default.copyItem(at: Repository.corpus, to: copy)
        cli = CLI(workingDirectory: folder.url)
    }

    /// The index folder every command names (`--index`).
    var index: String { folder.path("idx") }

    /// Runs `concord arguments… --index idx`.
    @discardableResult
    func run(_ arguments: String...) throws -> CLI.Result {
        try cli.run(arguments + ["--index", index])
    }
}

/// One index of the example corpus, ingested once for every test that only reads it.
enum SharedIndex {
    static let corpus: CorpusCopy = {
        do {
            let copy = try CorpusCopy()
            let ingest = try copy.run("ingest", "Corpus")
            precondition(ingest.status == 0, "ingest of the example corpus failed: \(ingest)")
            // Static values are never released, so their folder is removed when the test process ends.
            atexit { try? FileManager.default.removeItem(at: SharedIndex.corpus.folder.url) }
            return copy
        } catch {
            fatalError("cannot prepare the shared index: \(error)")
        }
    }()

    /// Runs `concord arguments… --index` on the shared index.
    static func run(_ arguments: String...) throws -> CLI.Result {
        try corpus.cli.run(arguments + ["--index", corpus.index])
    }
}

/// The two example documents' ids.
enum DocumentIDs {
    static let memo = "000-75fd1b966845eedf-txt"
    static let republication = "001-3ca5689c933b425c-txt"
}

/// Parsing helpers for JSON output.
enum JSON {
    /// One JSON object.
    static func object(_ text: some StringProtocol) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }

    /// Any JSON value.
    static func value(_ text: some StringProtocol) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func array(_ key: String) -> [[String: Any]]? { self[key] as? [[String: Any]] }
    func string(_ key: String) -> String? { self[key] as? String }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func ints(_ key: String) -> [Int]? { (self[key] as? [NSNumber])?.map(\.intValue) }

    /// `span` {start, end} as a range.
    var span: Range<Int>? {
        guard let span = object("span"), let start = span.int("start"), let end = span.int("end") else { return nil }
        return start..<end
    }
}

/// `text[span]` with offsets in Unicode scalars (SPEC "Documents, passages, locations").
func scalars(of text: String, _ span: Range<Int>) -> String? {
    let all = Array(text.unicodeScalars)
    guard span.lowerBound >= 0, span.upperBound <= all.count else { return nil }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: all[span])
    return String(view)
}
