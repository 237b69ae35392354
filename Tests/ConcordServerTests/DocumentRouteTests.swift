import ConcordCore
import ConcordTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConcordServer

@Suite struct DocumentRouteTests {
    static let id = DocumentID.slug(relativePath: ExampleCorpus.fileNames[0])

    @Test func documentIsTheCoreDocument() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/documents/\(Self.id)")
        #expect(response.status == .ok)
        #expect(try response.decoded(DocumentInfo.self) == (try fixture.service.document(Self.id)))
    }

    @Test func textIsTheFileAsPlainText() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/documents/\(Self.id)/text")
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        #expect(response.text == (try ExampleCorpus.text(ExampleCorpus.fileNames[0])))
    }

    @Test("a percent-encoded id is decoded")
    func percentEncodedID() async throws {
        let fixture = try await IndexFixture.corpus.value
        let encoded = Self.id.replacingOccurrences(of: "-", with: "%2D")
        #expect(try await fixture.request("/documents/\(encoded)").status == .ok)
    }

    @Test(
        "unknown ids are 404",
        arguments: [
            "/documents/nope", "/documents/nope/text", "/passages/nope", "/passages/nope/cite",
            "/documents/%2F..%2Fetc", "/passages/x.p999999",
        ])
    func unknownIDs(_ uri: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri)
        #expect(response.status == .notFound)
        #expect(try response.errorBody().code == "not_found")
    }

    @Test func brokenPercentEncodingInAnIDIs400() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/documents/%ZZ")
        #expect(response.status == .badRequest)
        #expect(try response.errorBody().code == "bad_parameter")
    }

    @Test("a passage quotes its document exactly")
    func passageQuotesItsDocument() async throws {
        let fixture = try await IndexFixture.corpus.value
        let document = try fixture.service.document(Self.id)
        let expected = try #require(document.passages.dropFirst(2).first)
        let response = try await fixture.request("/passages/\(expected.id)")
        #expect(response.status == .ok)
        let passage = try response.decoded(Passage.self)
        #expect(passage == expected)
        let scalars = Array(try ExampleCorpus.text(ExampleCorpus.fileNames[0]).unicodeScalars)
        var quoted = String.UnicodeScalarView()
        quoted.append(contentsOf: scalars[passage.span.start..<passage.span.end])
        #expect(String(quoted) == passage.text)
    }
}

@Suite struct DuplicateRouteTests {
    @Test func groupsAreTheCoreGroups() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request("/duplicates")
        #expect(response.status == .ok)
        let list = try response.decoded(DuplicateList.self)
        #expect(!list.groups.isEmpty)
        #expect(list.groups == (try fixture.service.duplicates()))
        #expect(list.groups.allSatisfy { $0.members.first?.original == true })
    }

    @Test func filtersByDocumentAndLength() async throws {
        let fixture = try await IndexFixture.corpus.value
        let id = DocumentRouteTests.id
        let list = try await fixture.request("/duplicates?document=\(id)&min_words=20").decoded(DuplicateList.self)
        #expect(list.groups == (try fixture.service.duplicates(document: id, minWords: 20)))
        #expect(list.groups.allSatisfy { $0.words >= 20 && $0.members.contains { $0.document == id } })
    }

    @Test(
        "bad filters are 400, unknown documents 404",
        arguments: [
            ("/duplicates?min_words=0", 400), ("/duplicates?min_words=-3", 400), ("/duplicates?min_words=ten", 400),
            ("/duplicates?document=", 400), ("/duplicates?document=%20", 400), ("/duplicates?document=nope", 404),
            ("/duplicates?min_words=99999999999999999999", 400),
        ])
    func badFilters(_ uri: String, _ status: Int) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri)
        #expect(response.status.code == status)
        #expect(try response.errorBody().code == (status == 404 ? "not_found" : "bad_parameter"))
    }
}
