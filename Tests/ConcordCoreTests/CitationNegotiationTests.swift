import Testing

@testable import ConcordCore

@Suite struct CitationNegotiationTests {
    @Test(
        "Accept headers choose a representation",
        arguments: [
            (nil, CitationRepresentation.json(referenceStyle: .apa)),
            ("", .json(referenceStyle: .apa)),
            ("*/*", .json(referenceStyle: .apa)),
            ("application/json", .json(referenceStyle: .apa)),
            ("application/json; charset=utf-8", .json(referenceStyle: .apa)),
            ("application/vnd.citationstyles.csl+json", .rendered(.cslJSON)),
            ("application/citeproc+json", .rendered(.cslJSON)),
            ("application/x-bibtex", .rendered(.bibtex)),
            ("application/x-research-info-systems", .rendered(.ris)),
            ("text/x-bibliography", .rendered(.apa)),
            ("text/x-bibliography; style=apa", .rendered(.apa)),
            ("text/x-bibliography; style=chicago-author-date", .rendered(.chicago)),
            ("text/x-bibliography; style=modern-language-association", .rendered(.mla)),
            ("TEXT/X-Bibliography; Style=\"modern-language-association\"; locale=en-US", .rendered(.mla)),
            ("text/x-bibliography;style=mla", .rendered(.mla)),
        ] as [(String?, CitationRepresentation)])
    func acceptHeaders(_ accept: String?, _ expected: CitationRepresentation) throws {
        #expect(try ContentNegotiation.representation(accept: accept) == expected)
    }

    @Test(
        "q-values and wildcards",
        arguments: [
            ("application/x-bibtex;q=0.5, application/x-research-info-systems", CitationRepresentation.rendered(.ris)),
            (
                "application/x-research-info-systems;q=0.2, application/vnd.citationstyles.csl+json;q=0.9",
                .rendered(.cslJSON)
            ),
            ("application/x-research-info-systems, application/x-bibtex", .rendered(.ris)),
            ("application/x-bibtex, application/x-research-info-systems", .rendered(.bibtex)),
            ("text/*", .rendered(.apa)),
            ("application/*;q=0.1, text/*", .rendered(.apa)),
            ("application/*", .json(referenceStyle: .apa)),
            ("text/html, */*;q=0.1", .json(referenceStyle: .apa)),
            ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", .json(referenceStyle: .apa)),
            ("*/*, application/json;q=0", .rendered(.cslJSON)),
            ("text/*, application/json", .json(referenceStyle: .apa)),
            ("text/x-bibliography;q=0.3, text/x-bibliography;style=mla", .rendered(.mla)),
            ("text/x-bibliography;style=chicago;q=0.9, application/x-bibtex;q=0.8", .rendered(.chicago)),
            ("application/x-bibtex;q=abc, application/x-research-info-systems", .rendered(.ris)),
            ("application/x-bibtex;q=1.5, application/x-research-info-systems;q=0.1", .rendered(.ris)),
            ("garbage", .json(referenceStyle: .apa)),
        ])
    func qualityAndWildcards(_ accept: String, _ expected: CitationRepresentation) throws {
        #expect(try ContentNegotiation.representation(accept: accept) == expected)
    }

    @Test(
        "unsupported Accept headers fail with the supported list",
        arguments: [
            "text/html", "application/pdf, image/*", "text/x-bibliography; style=ieee", "*/*;q=0",
            "application/json;q=0, text/plain",
        ])
    func unsupported(_ accept: String) {
        do {
            let chosen = try ContentNegotiation.representation(accept: accept)
            Issue.record("expected an error, got \(chosen)")
        } catch let error as RepresentationError {
            #expect(error.kind == .notAcceptable)
            #expect(error.requested == accept)
            #expect(error.supported == ContentNegotiation.supportedMediaTypes)
            for type in [
                "application/json", "application/vnd.citationstyles.csl+json", "application/x-bibtex",
                "application/x-research-info-systems", "text/x-bibliography",
            ] {
                #expect(error.message.contains(type))
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(
        "format= decides alone",
        arguments: [
            ("bibtex", CitationRepresentation.rendered(.bibtex)),
            ("apa", .rendered(.apa)),
            ("chicago-author-date", .rendered(.chicago)),
            ("MLA", .rendered(.mla)),
            ("csljson", .rendered(.cslJSON)),
            ("json", .json(referenceStyle: .apa)),
            ("application/x-research-info-systems", .rendered(.ris)),
            ("text/x-bibliography; style=modern-language-association", .rendered(.mla)),
        ])
    func formatParameter(_ format: String, _ expected: CitationRepresentation) throws {
        #expect(try ContentNegotiation.representation(accept: "text/html", format: format) == expected)
    }

    @Test func anEmptyFormatDefersToAccept() throws {
        #expect(try ContentNegotiation.representation(accept: "application/x-bibtex", format: "") == .rendered(.bibtex))
    }

    @Test func anUnknownFormatFailsWithTheFormatList() {
        #expect {
            try ContentNegotiation.representation(accept: nil, format: "xml")
        } throws: { error in
            guard let error = error as? RepresentationError else { return false }
            return error.kind == .unknownFormat
                && error.supported == ["json", "apa", "chicago", "mla", "bibtex", "ris", "csl-json"]
                && error.message
                    == "unknown citation format 'xml'; supported: json, apa, chicago, mla, bibtex, ris, csl-json"
        }
    }

    @Test func representationsKnowTheirContentType() {
        #expect(CitationRepresentation.default.contentType == "application/json")
        #expect(
            CitationRepresentation.rendered(.mla).contentType
                == "text/x-bibliography; style=modern-language-association; charset=utf-8")
        #expect(CitationRepresentation.rendered(.bibtex).style == .bibtex)
    }
}
