import ConcordTestSupport
import Foundation
import Testing
import Xapian

/// A database served by `xapian-tcpsrv` (Xapian's remote backend) on a free loopback port.
final class TCPServer {
    let process = Process()
    let port: Int

    init(database path: String) throws {
        port = try FreePort.find()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-tcpsrv")
        process.arguments = ["--interface", "127.0.0.1", "--port", String(port), path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        // xapian-tcpsrv forks a child per connection; stop those too, then the listener.
        let children = Process()
        children.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        children.arguments = ["-KILL", "-P", String(process.processIdentifier)]
        try? children.run()
        children.waitUntilExit()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite struct RemoteDatabaseTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xapian-tcpsrv")))
    func remoteAnswersLikeLocal() async throws {
        let folder = try TemporaryDirectory("xapian-remote")
        let local = try WritableDatabase(path: folder.path("db"))
        try SampleDatabase.fill(local)
        let server = try TCPServer(database: folder.path("db"))
        try await compareRemote(port: server.port, with: local, folder: folder)
        withExtendedLifetime(server) {}
    }

    private func compareRemote(port: Int, with local: Database, folder: TemporaryDirectory) async throws {
        var remote: Database?
        for _ in 0..<100 where remote == nil {
            remote = try? Database.remote(host: "127.0.0.1", port: port, timeout: 5, connectTimeout: 1)
            if remote == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let database = try #require(remote)
        #expect(try database.documentCount() == SampleDatabase.entries.count)
        for query in ["strait", "\"taiwan strait\"", "title:munitions", "strait source:cfr"] {
            #expect(try SampleDatabase.search(query, in: database) == SampleDatabase.search(query, in: local))
        }
        // A remote shard combines with a local one.
        let other = try WritableDatabase(path: folder.path("other"))
        try SampleDatabase.fill(other, with: [SampleDatabase.Entry(
            id: "z", title: "Extra", body: "Munitions again.", source: "x", date: "20200101")])
        let combined = try Database.combining([database, try Database(path: folder.path("other"))])
        #expect(Set(try SampleDatabase.search("munitions", in: combined)) == ["d", "z"])
    }

    @Test func unreachableRemoteThrowsANetworkError() throws {
        let port = try FreePort.find()
        let error = #expect(throws: XapianError.self) {
            _ = try Database.remote(host: "127.0.0.1", port: port, timeout: 1, connectTimeout: 1)
        }
        #expect(error?.kind == .network || error?.kind == .networkTimeout)
    }
}
