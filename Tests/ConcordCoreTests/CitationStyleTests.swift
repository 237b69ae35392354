import Testing

@testable import ConcordCore

@Suite struct CitationStyleTests {
    @Test(
        "user-given names parse to styles",
        arguments: [
            ("apa", CitationStyle.apa), ("APA", .apa), ("chicago", .chicago), ("chicago-author-date", .chicago),
            ("mla", .mla), ("modern-language-association", .mla), ("bibtex", .bibtex), ("ris", .ris),
            ("csl-json", .cslJSON), ("csljson", .cslJSON), (" CSL-JSON ", .cslJSON),
        ])
    func namesParse(_ name: String, _ style: CitationStyle) {
        #expect(CitationStyle(name: name) == style)
    }

    @Test func unknownNamesDoNotParse() {
        #expect(CitationStyle(name: "ieee") == nil)
        #expect(CitationStyle(name: "") == nil)
        #expect(CitationStyle(name: "application/x-bibtex") == nil)
    }

    @Test func rawValuesAreTheCommandLineNames() {
        #expect(CitationStyle.allCases.map(\.rawValue) == ["apa", "chicago", "mla", "bibtex", "ris", "csl-json"])
    }

    @Test func mediaTypesFollowDOIContentNegotiation() {
        #expect(CitationStyle.apa.mediaType == "text/x-bibliography; style=apa")
        #expect(CitationStyle.chicago.mediaType == "text/x-bibliography; style=chicago-author-date")
        #expect(CitationStyle.mla.mediaType == "text/x-bibliography; style=modern-language-association")
        #expect(CitationStyle.bibtex.contentType == "application/x-bibtex; charset=utf-8")
        #expect(CitationStyle.ris.mediaType == "application/x-research-info-systems")
        #expect(CitationStyle.cslJSON.contentType == "application/vnd.citationstyles.csl+json")
    }
}
