import ConcordTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `concord serve` where it cannot listen: one line saying what to change, exit 2.
@Suite struct ServeCommandTests {
    /// Runs `concord serve arguments…` on the shared index; stopped after twenty seconds if it is still running
    /// (a server that did listen), which the caller's expectations then report.
    private func serve(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = try SharedIndex.corpus.cli.start(["serve"] + arguments + ["--index", SharedIndex.corpus.index])
        let errors = process.standardError as? Pipe
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stderr = errors.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) } ?? ""
        return (process.terminationStatus, stderr)
    }

    @Test func portInUseSaysSo() throws {
        // A socket of the test's own holds a loopback port.
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, pointer, &length) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let result = try serve(["--port", String(port)])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "concord: cannot listen on 127.0.0.1:\(port): the port is in use (another concord serve?); "
            + "pick another with --port\n", "\(result)")
    }

    @Test func unknownHostSaysSo() throws {
        let result = try serve(["--host", "nosuch.invalid", "--port", "8080"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr == "concord: cannot listen on nosuch.invalid:8080: no such host; "
            + "give an address of this machine with --host (127.0.0.1 by default)\n", "\(result)")
    }
}
