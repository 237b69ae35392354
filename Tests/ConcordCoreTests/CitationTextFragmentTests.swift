import Testing

@testable import ConcordCore

@Suite struct CitationTextFragmentTests {
    @Test(
        "terms are percent-encoded as the Text Fragments spec requires",
        arguments: [
            ("Hello, world", "Hello%2C%20world"),
            ("Indo-Pacific", "Indo%2DPacific"),
            ("2020–2024 — now", "2020%E2%80%932024%20%E2%80%94%20now"),
            ("Zhōngguó 中国", "Zh%C5%8Dnggu%C3%B3%20%E4%B8%AD%E5%9B%BD"),
            ("A&B #1 50% a=b", "A%26B%20%231%2050%25%20a%3Db"),
            ("“Quad”", "%E2%80%9CQuad%E2%80%9D"),
            ("it's (so).", "it's%20(so)."),
        ])
    func encoding(_ term: String, _ encoded: String) {
        #expect(TextFragment.encode(term) == encoded)
    }

    @Test func shortQuotesAreLinkedWhole() {
        #expect(
            TextFragment.link(to: "Does NATO have a role, really?", in: "https://example.org/nato")
                == "https://example.org/nato#:~:text=Does%20NATO%20have%20a%20role%2C%20really%3F")
    }

    @Test func whitespaceIsFolded() {
        #expect(TextFragment.directive(for: "  hard\n   wrapped\tline ") == "text=hard%20wrapped%20line")
    }

    @Test func longQuotesUseTheStartEndForm() {
        let quote =
            "The United States, Japan, and Australia are increasingly aligned on how to deter China "
            + "in the wider Indo-Pacific region."
        #expect(
            TextFragment.directive(for: quote)
                == "text=The%20United%20States%2C%20Japan%2C,the%20wider%20Indo%2DPacific%20region.")
        let twelve = (1...12).map { "w\($0)" }.joined(separator: " ")
        #expect(TextFragment.directive(for: twelve)?.contains(",") == false)
        let thirteen = (1...13).map { "w\($0)" }.joined(separator: " ")
        #expect(TextFragment.directive(for: thirteen) == "text=w1%20w2%20w3%20w4,w10%20w11%20w12%20w13")
    }

    @Test func anExistingFragmentIsKept() {
        #expect(
            TextFragment.link(to: "deter China", in: "https://example.org/a#part2")
                == "https://example.org/a#part2:~:text=deter%20China")
    }

    @Test func aBlankQuoteLeavesTheURLAlone() {
        #expect(TextFragment.link(to: " \n ", in: "https://example.org/a") == "https://example.org/a")
    }
}
