// ConcordTestSupport: what every test target shares: the repository's folders, temporary folders, the example
// corpus and the built `concord` binary.
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Folders of the repository, found from this file's path so tests run from any working directory.
public enum Repository {
    /// The repository root (the folder holding Package.swift). Symbolic links are resolved, so a package that
    /// links this folder in from elsewhere still finds the repository's own folders.
    public static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The example documents and their sidecars.
    public static var corpus: URL { root.appendingPathComponent("Corpus") }

    /// `../shared` beside the repository, when present (eval data, CSL styles).
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }
}

/// A temporary folder removed when the value is released, or else when the process exits: one a static holds
/// (a fixture shared by a whole test target) is never released.
public final class TemporaryDirectory: @unchecked Sendable {
    // Immutable after init; removal happens once, in deinit or at exit.
    public let url: URL

    /// Folders made and not yet removed.
    private static let unreleased = Mutex<Set<URL>>([])
    /// Removes those at exit; registered once, by the first folder made.
    private static let removedAtExit: Void = {
        atexit {
            for url in TemporaryDirectory.unreleased.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
        }
    }()

    public init(_ label: String = "concord-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        Self.removedAtExit
        _ = Self.unreleased.withLock { $0.insert(url) }
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
        _ = Self.unreleased.withLock { $0.remove(url) }
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

/// Finds a free TCP port on the loopback interface.
public enum FreePort {
    public static func find() throws -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A fixed pseudo-random sequence (Knuth's MMIX linear congruential generator, the high bits taken), so a test
/// that draws many cases draws the same ones on every run and every machine.
public struct SeededNumbers {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next number in `0..<bound` (`bound` > 0).
    public mutating func below(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % bound
    }
}

/// Made-up words for tests that need many distinct ones.
public enum MadeUpWords {
    /// `number` spelt in letters, least significant first (a = 0, …, z = 25): a different word of letters only
    /// for each number.
    public static func letters(_ number: Int) -> String {
        var number = number
        var text = ""
        repeat {
            text.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(number % 26))))
            number /= 26
        } while number > 0
        return text
    }
}
