import ConcordTestSupport
import ConcordText
import Foundation
import Testing

@testable import ConcordCore

@Suite struct MetadataHeuristicsTests {
    /// Blocks built by hand: runs of non-blank lines, a short all-capitals line as a heading.
    private func blocks(_ text: String) -> [Block] {
        let scalars = ScalarText(text)
        return MetadataHeuristics.paragraphs(of: scalars).map { block in
            let content = scalars[block.span]
            let isHeading = !content.contains("\n") && content == content.uppercased() && content.count < 60
            return Block(kind: isHeading ? .heading(level: 2) : .paragraph, span: block.span)
        }
    }

    @Test func memoWithoutTitleLineGivesAuthorOnly() throws {
        let text = try ExampleCorpus.text("000_75fd1b966845eedf.txt")
        for given in [blocks(text), []] {
            let metadata = MetadataHeuristics.metadata(text: text, blocks: given)
            #expect(metadata.title == nil)
            #expect(metadata.author == [PersonName(family: "Sacks", given: "David")])
            #expect(metadata.language == nil)
        }
    }

    @Test func republicationGivesTitleAndAuthor() throws {
        let text = try ExampleCorpus.text("001_3ca5689c933b425c.txt")
        for given in [blocks(text), []] {
            let metadata = MetadataHeuristics.metadata(text: text, blocks: given)
            #expect(metadata.title == "Does NATO have a role in the Indo-Pacific region?")
            #expect(metadata.author == [PersonName(family: "Sacks", given: "David")])
        }
    }

    @Test func firstBlockHeadingIsTheTitle() {
        let text = "Photo: credit\n\nA Heading\n\nBody text of the piece."
        let blocks = [
            Block(kind: .boilerplate, span: TextSpan(start: 0, end: 13)),
            Block(kind: .heading(level: 1), span: TextSpan(start: 15, end: 24)),
            Block(kind: .paragraph, span: TextSpan(start: 26, end: 49)),
        ]
        #expect(MetadataHeuristics.metadata(text: text, blocks: blocks).title == "A Heading")
    }

    @Test(
        "first lines that are not titles",
        arguments: [
            "This is a sentence that ends with a period.\n\nBody.",
            "Wrapped opening line of a paragraph\nthat goes on.\n\nBody.",
            "lowercase start line\n\nBody.",
            "By David Sacks\n\nBody.",
            String(repeating: "word ", count: 21) + "\n\nBody.",
        ])
    func notTitles(text: String) {
        #expect(MetadataHeuristics.metadata(text: text).title == nil)
    }

    @Test(
        "bylines",
        arguments: [
            ("Title\n\nBy Jane Roe and John Smith | May 30, 2024\n\nBody.", ["Roe, Jane", "Smith, John"]),
            ("Title\n\nBY JANE ROE\n\nBody.", ["Roe, Jane"]),
            ("Title\n\nBody text.\n\nWritten by Ann Lee.", ["Lee, Ann"]),
            ("Body.\n\nDr. Ann Lee, senior analyst, can be reached at ann@example.org.", ["Lee, Ann"]),
            ("Body.\n\nAnn Marie Lee is a professor of history at Example University.", ["Lee, Ann Marie"]),
            ("Body.\n\nProf. Ann Lee was a lecturer at Example University.", ["Lee, Ann"]),
            ("Body.\n\nJan van Dijk works as a historian in Leiden.", ["van Dijk, Jan"]),
            ("Body.\n\nThe alliance is a fellow traveller of nobody.", []),
            ("By contrast, NATO is larger.\n\nBody.", []),
        ])
    func bylines(text: String, expected: [String]) {
        let names = MetadataHeuristics.metadata(text: text).author.map { "\($0.family ?? ""), \($0.given ?? "")" }
        #expect(names == expected)
    }

    /// The check that spares the biography pattern most paragraphs: every name the pattern takes opens so.
    @Test func biographiesOpenWithAName() {
        #expect(MetadataHeuristics.opensWithName("Ann Marie Lee is a professor"))
        #expect(MetadataHeuristics.opensWithName("Dr. Ann Lee is a professor"))
        #expect(MetadataHeuristics.opensWithName("Jan van Dijk is a historian"))
        #expect(MetadataHeuristics.opensWithName("Émile Zola was a writer"))
        #expect(!MetadataHeuristics.opensWithName("The alliance is a fellow traveller"))
        #expect(!MetadataHeuristics.opensWithName("ann Lee is a professor"))
        #expect(!MetadataHeuristics.opensWithName("Lee"))
    }
}
