// ConcordTestSupport: what every test target shares: the repository's folders, temporary folders, the example
// corpus and the built `concord` binary.
import Foundation

/// Folders of the repository, found from this file's path so tests run from any working directory.
public enum Repository {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The example documents and their sidecars.
    public static var corpus: URL { root.appendingPathComponent("Corpus") }

    /// `../shared` beside the repository, when present (eval data, CSL styles).
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }
}

/// A temporary folder removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    // Immutable after init; removal happens once, in deinit.
    public let url: URL

    public init(_ label: String = "concord-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` (creating folders) and returns its URL.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> URL {
        try write(name, Data(contents.utf8))
    }

    /// Writes `data` to `name` (creating folders) and returns its URL.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The two example documents of `Corpus/`.
public enum ExampleCorpus {
    public static let fileNames = ["000_75fd1b966845eedf.txt", "001_3ca5689c933b425c.txt"]

    /// The text of an example document, exactly as in the file.
    public static func text(_ name: String) throws -> String {
        try String(contentsOf: Repository.corpus.appendingPathComponent(name), encoding: .utf8)
    }
}
