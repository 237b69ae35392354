import ConcordCore
import ConcordTestSupport
import Foundation
import Hummingbird
import Testing

@testable import ConcordServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ServerArguments` as a test passes them.
struct TestArguments: ServerArguments {
    var host = "127.0.0.1"
    var port: Int
    var index: String
}

@Suite struct LiveServerTests {
    @Test("a real server on a loopback port answers /health and /search")
    func realServer() async throws {
        let fixture = try await IndexFixture.corpus.value
        let port = try FreePort.find()
        let app = try await buildApplication(TestArguments(port: port, index: fixture.indexPath))
        let server = Task { try await app.run() }
        defer { server.cancel() }

        let base = "http://127.0.0.1:\(port)"
        let (healthData, healthResponse) = try await Self.get(base + "/health")
        #expect(healthResponse.statusCode == 200)
        let health = try JSONDecoder().decode(Health.self, from: healthData)
        #expect(health.status == "ok")
        #expect(health.documents == 2)

        let (searchData, searchResponse) = try await Self.get(base + "/search?q=Taiwan")
        #expect(searchResponse.statusCode == 200)
        #expect(searchResponse.value(forHTTPHeaderField: "Content-Type") == "application/json")
        let results = try JSONDecoder().decode(SearchResults.self, from: searchData)
        #expect(!results.hits.isEmpty)
        #expect(results == (try fixture.service.search(SearchRequest(query: "Taiwan"))))

        let (_, missing) = try await Self.get(base + "/documents/nope")
        #expect(missing.statusCode == 404)

        server.cancel()
        _ = await server.result
    }

    /// GETs `url`, retrying while the server is still starting (connection refused) for up to ten seconds.
    static func get(_ url: String) async throws -> (Data, HTTPURLResponse) {
        let target = try #require(URL(string: url))
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                let (data, response) = try await URLSession.shared.data(from: target)
                return (data, try #require(response as? HTTPURLResponse))
            } catch let error as URLError where error.code == .cannotConnectToHost && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
