#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Runs a command line tool to completion with a time limit, capturing its output.
///
/// Output goes to temporary files rather than pipes, so a tool writing a lot to both streams cannot block on a
/// full pipe; the files are removed before `run` returns.
enum Subprocess {
    /// What a finished tool left behind.
    struct Outcome {
        var status: Int32
        var standardOutput: Data
        var standardError: Data

        /// The first line of standard error that reports an error (poppler prefixes warnings with
        /// "Syntax Warning"), else its first non-empty line.
        var errorLine: String? {
            let lines = String(decoding: standardError, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.first(where: { $0.contains("Error") }) ?? lines.first
        }
    }

    /// Runs `executable` with `arguments`; throws `.toolFailed` when it cannot start or outlives `timeout`.
    static func run(_ executable: URL, _ arguments: [String], timeout: Duration) throws(ReadError) -> Outcome {
        let name = executable.lastPathComponent
        let folder = FileManager.default.temporaryDirectory
        let token = UUID().uuidString
        let outputFile = folder.appendingPathComponent("concord-\(token).out")
        let errorFile = folder.appendingPathComponent("concord-\(token).err")
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil),
            FileManager.default.createFile(atPath: errorFile.path, contents: nil),
            let output = try? FileHandle(forWritingTo: outputFile),
            let error = try? FileHandle(forWritingTo: errorFile)
        else { throw ReadError(.toolFailed, "\(name) failed: cannot create temporary files in \(folder.path)") }
        defer {
            try? output.close()
            try? error.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw ReadError(.toolFailed, "\(name) could not be started: \(error.localizedDescription)")
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            throw ReadError(.toolFailed, "\(name) timed out after \(Self.format(seconds)) s")
        }
        let standardOutput = (try? Data(contentsOf: outputFile)) ?? Data()
        let standardError = (try? Data(contentsOf: errorFile)) ?? Data()
        return Outcome(status: process.terminationStatus, standardOutput: standardOutput, standardError: standardError)
    }

    /// The executable called `name` on `$PATH` (or in the usual system folders), if any.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
