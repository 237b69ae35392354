import ConcordTestSupport
import ConcordText
import Foundation
import Testing

@testable import ConcordCore

@Suite struct MarkdownReaderTests {
    private func markup(_ document: ExtractedDocument) -> [String] {
        let text = ScalarText(document.text)
        return document.hints.filter { $0.kind == .markup }.map { text[$0.span] }
    }

    private func headings(_ document: ExtractedDocument) -> [String] {
        let text = ScalarText(document.text)
        return document.hints.compactMap { hint in
            if case .heading(let level) = hint.kind { return "\(level):\(text[hint.span])" }
            return nil
        }
    }

    @Test func frontMatterGivesMetadataAndIsMarkup() throws {
        let source = """
            ---
            title: "Does NATO have a role?"
            author:
              - David Sacks
              - name: Jane Roe
            date: 2024-05-30
            site: China Factor
            publisher: 'Council on Foreign Relations'
            url: https://example.org/nato
            language: en
            ---
            Body text.

            """
        let folder = try TemporaryDirectory()
        let document = try MarkdownReader().read(try folder.write("a.md", source))
        #expect(document.text == source)
        #expect(document.format == .markdown)
        let metadata = document.metadata
        #expect(metadata.title == "Does NATO have a role?")
        #expect(
            metadata.author == [PersonName(family: "Sacks", given: "David"), PersonName(family: "Roe", given: "Jane")])
        #expect(metadata.issued == DateParts(year: 2024, month: 5, day: 30))
        #expect(metadata.containerTitle == "China Factor")
        #expect(metadata.publisher == "Council on Foreign Relations")
        #expect(metadata.url == "https://example.org/nato")
        #expect(metadata.language == "en")
        let frontMatter = try #require(document.hints.first)
        #expect(frontMatter.kind == .markup)
        #expect(ScalarText(document.text)[frontMatter.span].hasPrefix("---\ntitle:"))
        #expect(ScalarText(document.text)[frontMatter.span].hasSuffix("language: en\n---"))
    }

    @Test func authorAsStringOrInlineList() throws {
        let single = MarkdownReader.extract("---\nauthor: Sacks, David\n---\nText\n")
        #expect(single.metadata.author == [PersonName(family: "Sacks", given: "David")])
        let list = MarkdownReader.extract("---\nauthors: [\"Ann Lee\", Bo Chen]\ntitle: T\n---\n")
        #expect(
            list.metadata.author == [PersonName(family: "Lee", given: "Ann"), PersonName(family: "Chen", given: "Bo")])
    }

    @Test func markupSpansAreExactlyTheSyntax() throws {
        let source = """
            # The China *challenge* #

            Some **bold** and _emphasis_ with `code span` and a [link](https://example.org/a_(b)).
            ![A photo](img.png) and snake_case_word stays, 2 * 3 too.

            > Quoted **text**
            - first item
            * second item
            1. numbered

            Setext heading
            --------------

            ```swift
            let x = *y*
            ```
            [ref]: https://example.org
            """
        let document = MarkdownReader.extract(source)
        #expect(document.text == source)
        #expect(
            markup(document) == [
                "#", "*", "*", "#", "**", "**", "_", "_", "`", "`", "[", "](https://example.org/a_(b))", "![",
                "](img.png)", ">", "**", "**", "-", "*", "1.", "--------------", "```swift", "```",
                "[ref]: https://example.org",
            ])
        #expect(headings(document) == ["1:The China *challenge*", "2:Setext heading"])
    }

    @Test func readsBOMAndRefusesEmpty() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write("b.markdown", Data([0xEF, 0xBB, 0xBF]) + Data("## Heading\n".utf8))
        let document = try MarkdownReader().read(file)
        #expect(document.text == "## Heading\n")
        #expect(markup(document) == ["##"])
        #expect(headings(document) == ["2:Heading"])
        let empty = try folder.write("e.md", "\n\n")
        #expect(throws: ReadError(.empty, "empty file")) { try MarkdownReader().read(empty) }
    }
}
