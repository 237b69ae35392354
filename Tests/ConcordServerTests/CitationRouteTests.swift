import ConcordCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConcordServer

@Suite struct CitationRouteTests {
    /// A passage that other documents copy: its citations have an original and a republication.
    static func sharedPassage(_ fixture: IndexFixture) throws -> GroupMember {
        let group = try #require(try fixture.service.duplicates(minWords: 20).first)
        return try #require(group.members.first)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test func aQuoteIsCitedOriginalFirstAsJSONByDefault() async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        let quote = member.text.split(whereSeparator: \.isWhitespace).prefix(12).joined(separator: " ")
        let response = try await fixture.request("/cite?q=" + Self.percentEncoded(quote))
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "application/json")
        #expect(response.headers[.vary] == "Accept")
        let set = try response.decoded(CitationSet.self)
        #expect(set == (try fixture.service.cite(CiteRequest(quote: quote))))
        #expect(set.original != nil)
        #expect(!set.republications.isEmpty)
        #expect(set.style == .apa)
    }

    @Test func aPassageIsCitedWithItsCopies() async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        let response = try await fixture.request("/passages/\(member.passage)/cite")
        #expect(response.status == .ok)
        let set = try response.decoded(CitationSet.self)
        #expect(set == (try fixture.service.cite(CiteRequest(passage: member.passage))))
        #expect(set.citations.count >= 2)
    }

    @Test(
        "Accept picks the representation",
        arguments: [
            ("application/x-bibtex", "application/x-bibtex; charset=utf-8"),
            ("application/x-research-info-systems", "application/x-research-info-systems; charset=utf-8"),
            ("application/vnd.citationstyles.csl+json", "application/vnd.citationstyles.csl+json"),
            ("text/x-bibliography; style=apa", "text/x-bibliography; style=apa; charset=utf-8"),
            (
                "text/x-bibliography; style=chicago-author-date",
                "text/x-bibliography; style=chicago-author-date; charset=utf-8"
            ),
            (
                "text/x-bibliography; style=modern-language-association",
                "text/x-bibliography; style=modern-language-association; charset=utf-8"
            ),
            ("text/x-bibliography", "text/x-bibliography; style=apa; charset=utf-8"),
            (
                "application/x-research-info-systems;q=0.5, application/x-bibtex;q=0.9",
                "application/x-bibtex; charset=utf-8"
            ),
            ("text/html, */*;q=0.1", "application/json"),
            ("*/*", "application/json"),
            ("application/json", "application/json"),
        ])
    func acceptNegotiates(_ accept: String, _ contentType: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        let response = try await fixture.request("/passages/\(member.passage)/cite", headers: [.accept: accept])
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == contentType)
        #expect(response.headers[.vary] == "Accept")
    }

    @Test(
        "format= picks the representation and wins over Accept",
        arguments: [
            ("bibtex", "application/x-bibtex; charset=utf-8"),
            ("ris", "application/x-research-info-systems; charset=utf-8"),
            ("csl-json", "application/vnd.citationstyles.csl+json"),
            ("apa", "text/x-bibliography; style=apa; charset=utf-8"),
            ("chicago", "text/x-bibliography; style=chicago-author-date; charset=utf-8"),
            ("mla", "text/x-bibliography; style=modern-language-association; charset=utf-8"),
            ("json", "application/json"),
        ])
    func formatNegotiates(_ format: String, _ contentType: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        let response = try await fixture.request(
            "/passages/\(member.passage)/cite?format=\(format)", headers: [.accept: "text/html"])
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == contentType)
    }

    @Test func renderedBodiesAreTheCoreRendering() async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        let bibtex = try await fixture.request("/passages/\(member.passage)/cite?format=bibtex")
        let expected = try fixture.service.cite(CiteRequest(passage: member.passage, style: .bibtex)).rendered()
        #expect(bibtex.text == expected)
        #expect(bibtex.text.hasPrefix("@"))
        let csl = try await fixture.request("/passages/\(member.passage)/cite?format=csl-json")
        let items = try #require(try JSONSerialization.jsonObject(with: csl.data) as? [[String: Any]])
        #expect(items.count >= 2)
    }

    @Test func anUnsatisfiableAcceptIs406ListingWhatIsSupported() async throws {
        let fixture = try await IndexFixture.corpus.value
        let member = try Self.sharedPassage(fixture)
        for accept in ["text/html", "application/x-bibtex;q=0", "text/x-bibliography; style=harvard"] {
            let response = try await fixture.request("/passages/\(member.passage)/cite", headers: [.accept: accept])
            #expect(response.status == .notAcceptable)
            let error = try response.errorBody()
            #expect(error.code == "not_acceptable")
            for type in ContentNegotiation.supportedMediaTypes { #expect(error.message.contains(type)) }
        }
    }

    @Test(
        "bad cite requests are 400",
        arguments: [
            "/cite", "/cite?q=", "/cite?q=%20", "/cite?q=NATO&format=docx", "/cite?q=NATO&format=",
            "/cite?q=%C3%28", "/cite?q=NATO&q=Taiwan",
        ])
    func badRequests(_ uri: String) async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(uri)
        #expect(response.status == .badRequest)
        #expect(try response.errorBody().code == "bad_parameter")
    }

    @Test func aQuoteFoundNowhereIs404() async throws {
        let fixture = try await IndexFixture.corpus.value
        let response = try await fixture.request(
            "/cite?q=" + Self.percentEncoded("purple elephants juggle quantum marmalade"))
        #expect(response.status == .notFound)
        #expect(try response.errorBody().code == "not_found")
    }
}
