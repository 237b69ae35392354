import ConcordCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConcordServer

@Suite struct SearchRouteTests {
    @Test("hits are the bytes ConcordService.search gives through the shared encoder")
    func hitsMatchTheCore() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/search?q=Taiwan+Strait&limit=5")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        let expected = try fixture.service.search(SearchRequest(query: "Taiwan Strait", limit: 5))
        #expect(!expected.hits.isEmpty)
        #expect(response.data == (try OutputJSON.data(expected)) + Data("\n".utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
        let hits = try #require(object["hits"])
        let servedHits = try JSONSerialization.data(withJSONObject: hits, options: [.sortedKeys])
        let coreHits = try JSONSerialization.data(
            withJSONObject: try JSONSerialization.jsonObject(with: try OutputJSON.data(expected.hits)),
            options: [.sortedKeys])
        #expect(servedHits == coreHits)
    }

    @Test func foldedHitsListTheirCopiesAndAllUnfoldsThem() async throws {
        let fixture = try await IndexFixture.corpus.value
        let folded = try await fixture.request("/search?q=NATO&limit=50").decoded(SearchResults.self)
        let unfolded = try await fixture.request("/search?q=NATO&limit=50&all=true").decoded(SearchResults.self)
        #expect(folded.hits.contains { !$0.duplicates.isEmpty })
        #expect(unfolded.total > folded.total)
        #expect(Set(unfolded.hits.map(\.document.id)).count == 2)
    }

    @Test func limitAndOffsetPage() async throws {
        let fixture = try await IndexFixture.corpus.value
        let all = try await fixture.request("/search?q=NATO&limit=4").decoded(SearchResults.self)
        let second = try await fixture.request("/search?q=NATO&limit=2&offset=2").decoded(SearchResults.self)
        #expect(all.hits.count == 4)
        #expect(second.hits.map(\.passage) == all.hits.dropFirst(2).map(\.passage))
    }

    @Test("a snippet wraps matches in <mark>")
    func snippetsMarkMatches() async throws {
        let fixture = try await IndexFixture.corpus.value
        let results = try await fixture.request("/search?q=Taiwan").decoded(SearchResults.self)
        let hit = try #require(results.hits.first)
        #expect(hit.snippet.contains("<mark>"))
    }

    @Test("all= accepts the documented booleans", arguments: ["true", "false", "1", "0", "yes", "no"])
    func allAcceptsBooleans(_ value: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        #expect(try await fixture.request("/search?q=Taiwan&all=\(value)").status == .ok)
    }

    @Test(
        "bad input is a 400 with a JSON error",
        arguments: [
            "/search", "/search?q=", "/search?q=%20%20", "/search?q=+", "/search?limit=5",
            "/search?q=Taiwan&limit=abc", "/search?q=Taiwan&limit=-1", "/search?q=Taiwan&limit=0",
            "/search?q=Taiwan&limit=1001", "/search?q=Taiwan&limit=99999999999999999999999",
            "/search?q=Taiwan&limit=1.5", "/search?q=Taiwan&limit=", "/search?q=Taiwan&offset=-1",
            "/search?q=Taiwan&offset=x", "/search?q=Taiwan&offset=100001", "/search?q=Taiwan&all=maybe",
            "/search?q=Taiwan&all=", "/search?q=Taiwan&q=Strait", "/search?q=%G1", "/search?q=Taiwan%",
            "/search?q=%E2%82", "/search?q=%FF%FE", "/search?q=Taiwan&limit=%FF",
            "/search?q=" + String(repeating: "a", count: SearchRequest.maxQueryLength + 1),
        ])
    func badInput(_ uri: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri)
        #expect(response.status == .badRequest)
        let error = try response.errorBody()
        #expect(error.code == "bad_parameter")
        #expect(!error.message.isEmpty)
    }

    @Test("a query the parser rejects is bad_query")
    func parserErrors() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/search?q=AND")
        #expect(response.status == .badRequest)
        #expect(try response.errorBody().code == "bad_query")
    }

    @Test func anOverlongURIIs414() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/search?q=" + String(repeating: "a", count: 9000))
        #expect(response.status == .uriTooLong)
        #expect(try response.errorBody().code == "uri_too_long")
    }

    @Test func nothingFoundIsAnEmptyList() async throws {
        let fixture = try await IndexFixture.corpus.value
        let results = try await fixture.request("/search?q=xylophonequartz").decoded(SearchResults.self)
        #expect(results.hits.isEmpty)
        #expect(results.total == 0)
    }
}

@Suite struct SnippetEscapingTests {
    @Test("Xapian escapes markup in snippets: only <mark> is HTML")
    func markupIsEscaped() async throws {
        let fixture = try await IndexFixture.build(
            label: "concord-server-escape",
            extra: [
                "markup.txt":
                    "Zanzibar notes\n\nThe <script>alert(1)</script> zanzibar & <b>bold</b> \"quoted\" line.\n"
            ])
        let results = try await fixture.request("/search?q=zanzibar").decoded(SearchResults.self)
        let snippet = try #require(results.hits.first?.snippet)
        #expect(snippet.contains("<mark>"))
        #expect(snippet.contains("&lt;script&gt;"))
        #expect(snippet.contains("&amp;"))
        let withoutMarks = snippet.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(
            of: "</mark>", with: "")
        #expect(!withoutMarks.contains("<"))
        #expect(!withoutMarks.contains(">"))
    }
}
