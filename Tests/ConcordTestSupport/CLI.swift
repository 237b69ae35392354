import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `concord` binary the package built, as a user's shell would: arguments, environment and working
/// folder in; standard output, standard error and exit status out. Never on a terminal, so never coloured.
public struct CLI: Sendable {
    /// What one run gave.
    public struct Result: Sendable, CustomStringConvertible {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// Standard output's lines, without the final empty one.
        public var lines: [String] {
            var lines = stdout.components(separatedBy: "\n")
            while lines.last == "" { lines.removeLast() }
            return lines
        }

        public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// The binary: beside the test bundle (`Bundle.main.bundleURL`), else `.build/debug/concord` above this file.
    public static let binary: URL? = {
        var candidates = [Bundle.main.bundleURL.appendingPathComponent("concord")]
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent(".build/debug/concord"))
            folder.deleteLastPathComponent()
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// `binary` and the `concord-cli` beside it, copied into a folder of the system's temporary one that any user
    /// may enter (`user`): the package may lie where only its owner can go. The folder is kept to the end of the
    /// tests.
    static let shared: (folder: TemporaryDirectory, binary: URL)? = {
        guard let binary, let folder = try? TemporaryDirectory("concord-binaries") else { return nil }
        do {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
            for name in [binary.lastPathComponent, "concord-cli"] {
                let bytes = try Data(contentsOf: binary.deletingLastPathComponent().appendingPathComponent(name))
                guard copyExecutable(bytes, to: folder.url.appendingPathComponent(name).path) else { return nil }
            }
        } catch {
            return nil
        }
        return (folder, folder.url.appendingPathComponent(binary.lastPathComponent))
    }()

    /// Writes `bytes` to a new executable file at `path` through a descriptor no child process inherits: a process
    /// another test starts meanwhile would otherwise hold the file open for writing, and running it would fail
    /// ("text file busy").
    private static func copyExecutable(_ bytes: Data, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var written = 0
            while written < buffer.count {
                let count = write(descriptor, base + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
    }

    /// The folder commands run in (relative paths, the default `Index` and `Corpus`, resolve here).
    public var workingDirectory: URL
    /// Variables added to (or, as nil, removed from) the test process's environment.
    public var environment: [String: String?]

    /// Another user to run as, when the tests run as root: for the checks of permissions that root overrides.
    /// The command then runs through `setpriv`, with that user's id as its group and no other groups.
    public var user: UInt32?

    public init(workingDirectory: URL, environment: [String: String?] = [:]) {
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// Runs `concord arguments…` to its end.
    @discardableResult
    public func run(_ arguments: [String]) throws -> Result {
        let process = try start(arguments)
        let output = Capture(process.standardOutput as! Pipe)
        let errors = Capture(process.standardError as! Pipe)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: output.text(), stderr: errors.text())
    }

    @discardableResult
    public func run(_ arguments: String...) throws -> Result { try run(arguments) }

    /// Starts `concord arguments…` and returns at once: for tests that stop it themselves. Its output goes to pipes
    /// the caller may read or leave.
    public func start(_ arguments: [String]) throws -> Process {
        guard let binary = Self.binary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "no built concord binary; run swift build first"])
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let user, getuid() == 0 {
            guard let shared = Self.shared?.binary else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot copy concord where any user may run it"])
            }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", shared.path] + arguments
        }
        process.currentDirectoryURL = workingDirectory
        var variables = ProcessInfo.processInfo.environment
        // The tests name their index with --index; an inherited one must not leak in.
        variables["CONCORD_INDEX"] = nil
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// Reads a pipe to its end on a thread of its own, so a chatty child never blocks on a full pipe.
    final class Capture: @unchecked Sendable {
        // Written once by the reading thread before `done` is signalled; read after waiting on it.
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
