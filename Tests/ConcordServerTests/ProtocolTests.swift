import ConcordCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import ConcordServer

/// What every route shares: health, methods, HEAD, unknown paths, the access log, the OpenAPI document and the page.
@Suite struct ProtocolTests {
    @Test func healthCountsTheIndex() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/health")
        #expect(response.status == .ok)
        let health = try response.decoded(Health.self)
        let stats = try fixture.service.stats()
        #expect(health == Health(status: "ok", documents: 2, passages: stats.passages))
        #expect(response.text == #"{"documents":2,"passages":\#(stats.passages),"status":"ok"}"# + "\n")
    }

    @Test(
        "other methods on known paths are 405 with Allow",
        arguments: [
            (HTTPRequest.Method.post, "/search?q=x"), (.put, "/"), (.delete, "/documents/x"), (.patch, "/health"),
            (.options, "/cite"), (.post, "/passages/a.p1/cite"), (.trace, "/openapi.json"), (.post, "/duplicates"),
        ])
    func methodNotAllowed(_ method: HTTPRequest.Method, _ uri: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri, method: method)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers[.allow] == "GET, HEAD")
        #expect(try response.errorBody().code == "method_not_allowed")
    }

    @Test(
        "unknown paths are a JSON 404",
        arguments: [("/nope", HTTPRequest.Method.get), ("/documents", .get), ("/x/y/z", .post)])
    func unknownPaths(_ uri: String, _ method: HTTPRequest.Method) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri, method: method)
        #expect(response.status == .notFound)
        #expect(try response.errorBody().code == "not_found")
    }

    @Test(
        "HEAD answers as GET does, without a body",
        arguments: [
            "/health", "/search?q=Taiwan", "/search", "/documents/nope", "/openapi.json", "/",
            "/duplicates", "/nope",
        ])
    func head(_ uri: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let get = try await fixture.request(uri)
        let head = try await fixture.request(uri, method: .head)
        #expect(head.status == get.status)
        #expect(head.headers[.contentType] == get.headers[.contentType])
        #expect(head.headers[.contentLength] == String(get.body.readableBytes))
        #expect(head.body.readableBytes == 0)
    }

    @Test func everyRequestLogsOneAccessLine() async throws {
        let fixture = try await IndexFixture.corpus.value
        let handler = RecordingLogHandler()
        let logger = Logger(label: "concord.server.test") { _ in handler }
        _ = try await fixture.request("/health", logger: logger)
        _ = try await fixture.request("/search?q=%FF", logger: logger)
        _ = try await fixture.request("/health", method: .post, logger: logger)
        let lines = handler.recorded
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("GET /health 200 ") && lines[0].hasSuffix(" ms"))
        #expect(lines[1].hasPrefix("GET /search 400 "))
        #expect(lines[2].hasPrefix("POST /health 405 "))
    }

    @Test func openAPIParsesAndNamesEveryRoute() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/openapi.json")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        let document = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(Set(paths.keys) == Set(Routes.templates))
        for (path, operations) in paths {
            #expect(Set(operations.keys) == ["get"], "\(path)")
        }
        // Every $ref resolves.
        let text = response.text
        let components = try #require(document["components"] as? [String: [String: Any]])
        let references = text.matches(of: /"\$ref": "#\/components\/(\w+)\/(\w+)"/)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(components[String(reference.1)]?[String(reference.2)] != nil, "\(reference.0)")
        }
    }

    @Test func thePageIsSelfContainedHTML() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/?q=Taiwan")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        #expect(response.headers[.contentSecurityPolicy] != nil)
        let page = response.text
        #expect(page.contains("<form"))
        #expect(page.contains("/passages/"))
        #expect(page.contains("/search?"))
        for style in CitationStyle.allCases { #expect(page.contains("value=\"\(style.rawValue)\"")) }
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("href=\"http"))
        #expect(!page.contains("<link"))
    }
}

@Suite struct QueryParametersTests {
    @Test(
        "decodes strictly",
        arguments: [
            ("a+b", "a b"), ("a%20b", "a b"), ("%E5%8F%B0%E7%81%A3", "台灣"), ("100%25", "100%"), ("a%2Bb", "a+b"),
            ("%22x%22", "\"x\""),
        ])
    func decodes(_ raw: String, _ expected: String) throws {
        #expect(try QueryParameters.decode(raw[...], what: "q") == expected)
    }

    @Test("rejects broken encodings", arguments: ["%", "%4", "%G0", "%C3%28", "%FF", "%ED%A0%80"])
    func rejects(_ raw: String) {
        #expect(throws: ConcordError.self) { try QueryParameters.decode(raw[...], what: "q") }
    }
}
