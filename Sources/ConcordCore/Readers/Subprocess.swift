import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command line tool to completion with a time limit, capturing its output.
///
/// The tool is started with `posix_spawn` in a process group of its own, with default signal handling, and
/// reaped by polling `waitpid`: Foundation's `Process` reported a killed child only once every process it had
/// started was gone, so a tool that hung could not be stopped in time. Past the time limit the whole group is
/// killed. Output goes to temporary files rather than pipes, so a tool writing a lot to both streams cannot
/// block on a full pipe; the files are removed before `run` returns.
enum Subprocess {
    /// What a finished tool left behind.
    struct Outcome {
        /// The exit status, or 128 + the signal that ended the tool.
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
        let outputDescriptor = open(outputFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errorDescriptor = open(errorFile.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if outputDescriptor >= 0 { close(outputDescriptor) }
            if errorDescriptor >= 0 { close(errorDescriptor) }
        }
        guard outputDescriptor >= 0, errorDescriptor >= 0 else {
            throw ReadError(.toolFailed, "\(name) failed: cannot create temporary files in \(folder.path)")
        }

        let pid = try spawn(executable, arguments, output: outputDescriptor, error: errorDescriptor)
        let status = try wait(for: pid, name: name, timeout: timeout)
        let standardOutput = (try? Data(contentsOf: outputFile)) ?? Data()
        let standardError = (try? Data(contentsOf: errorFile)) ?? Data()
        return Outcome(status: status, standardOutput: standardOutput, standardError: standardError)
    }

    private static func spawn(_ executable: URL, _ arguments: [String], output: Int32, error: Int32) throws(ReadError)
        -> pid_t
    {
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, error, 2)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)

        let argv = ([executable.path] + arguments).map { strdup($0) }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environment { free(pointer) }
        }
        var pid: pid_t = 0
        var result = posix_spawn(&pid, executable.path, &actions, &attributes, argv + [nil], environment + [nil])
        // ETXTBSY: another thread of this process is starting a program while a file descriptor of the tool's,
        // just written, is still open in it; that passes in a moment.
        var attempts = 0
        while result == ETXTBSY && attempts < 20 {
            attempts += 1
            usleep(10_000)
            result = posix_spawn(&pid, executable.path, &actions, &attributes, argv + [nil], environment + [nil])
        }
        guard result == 0 else {
            throw ReadError(
                .toolFailed, "\(executable.lastPathComponent) could not be started: \(SystemError.message(result))")
        }
        return pid
    }

    /// Reaps `pid`, killing its process group once `timeout` has passed.
    private static func wait(for pid: pid_t, name: String, timeout: Duration) throws(ReadError) -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR {
                throw ReadError(.toolFailed, "\(name) failed: \(SystemError.message(errno))")
            }
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                throw ReadError(.toolFailed, "\(name) timed out after \(format(timeout))")
            }
            usleep(5_000)
        }
        // waitpid's status: the low 7 bits are the signal that ended the process, 0 when it exited.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
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

    private static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
