import ConcordTestSupport
import Testing

@testable import ConcordText

/// Segmentation of the two example documents of `Corpus/`.
@Suite struct SegmenterCorpusTests {
    static let memo = "000_75fd1b966845eedf.txt"
    static let republication = "001_3ca5689c933b425c.txt"

    func load(_ name: String) throws -> (ScalarText, [Block], [PassageDraft]) {
        let text = ScalarText(try ExampleCorpus.text(name))
        let segmenter = Segmenter()
        return (text, segmenter.blocks(in: text), segmenter.passages(in: text))
    }

    /// The passage whose text starts with `prefix`, no-break spaces (which 001 has) read as spaces.
    func passage(startingWith prefix: String, in passages: [PassageDraft], of text: ScalarText) throws -> PassageDraft {
        func folded(_ string: String) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: string.unicodeScalars.map { $0 == "\u{00A0}" ? " " : $0 })
            return String(view)
        }
        return try #require(
            passages.first { folded(text[$0.span]).hasPrefix(prefix) }, "no passage starts with \(prefix)")
    }

    func headings(_ blocks: [Block], _ text: ScalarText) -> [String] {
        blocks.compactMap { block in
            if case .heading = block.kind { return Segmenter().headingText(of: block, in: text) }
            return nil
        }
    }

    @Test("every passage quotes its source exactly", arguments: ExampleCorpus.fileNames)
    func passagesQuoteTheirSource(_ name: String) throws {
        let source = try ExampleCorpus.text(name)
        let (text, _, passages) = try load(name)
        let lines = LineIndex(source)
        #expect(!passages.isEmpty)
        var previousEnd = 0
        for (ordinal, passage) in passages.enumerated() {
            #expect(passage.ordinal == ordinal)
            #expect(!passage.span.isEmpty)
            #expect(passage.span.start >= previousEnd, "passages are in order and do not overlap")
            previousEnd = passage.span.end
            let quoted = text[passage.span]
            #expect(quoted == String(String.UnicodeScalarView(text.scalars[passage.span.start..<passage.span.end])))
            let first = try #require(quoted.unicodeScalars.first)
            let last = try #require(quoted.unicodeScalars.last)
            #expect(!first.properties.isWhitespace && !last.properties.isWhitespace)
            #expect(passage.lines == lines.lines(of: passage.span))
            // The whole normalized text maps back onto the whole passage.
            let whole = TextSpan(start: 0, end: passage.normalized.map.count)
            #expect(passage.normalized.map.original(whole) == passage.span)
            #expect(!passage.normalized.text.contains("\n"))
        }
    }

    @Test("every block is trimmed and exact", arguments: ExampleCorpus.fileNames)
    func blocksAreTrimmed(_ name: String) throws {
        let (text, blocks, _) = try load(name)
        var previousEnd = 0
        for block in blocks {
            #expect(block.span.start >= previousEnd)
            previousEnd = block.span.end
            let first = text.scalars[block.span.start]
            let last = text.scalars[block.span.end - 1]
            #expect(!first.properties.isWhitespace && !last.properties.isWhitespace)
        }
    }

    @Test("segmentation is deterministic", arguments: ExampleCorpus.fileNames)
    func deterministic(_ name: String) throws {
        let (_, _, first) = try load(name)
        let (_, _, second) = try load(name)
        #expect(first == second)
    }

    @Test func memoParagraphsAreHardWrappedLinesJoined() throws {
        let (text, _, passages) = try load(Self.memo)
        let opening = try #require(passages.first)
        #expect(opening.lines == [1, 6])
        #expect(opening.paragraph == 1)
        #expect(opening.kind == .paragraph)
        #expect(opening.headingPath.isEmpty)
        #expect(text[opening.span].hasPrefix("With China, North Korea"))
        #expect(text[opening.span].hasSuffix("War ll."))
        #expect(
            opening.normalized.text.hasPrefix(
                "With China, North Korea, and Russia moving into closer alignment, members of the North Atlantic Treaty Organization (NATO) have concluded that European and Indo-Pacific security are not divisible. China's provision"
            ))
        let second = try passage(startingWith: "These dynamics", in: passages, of: text)
        #expect(second.lines == [8, 11])
        #expect(second.paragraph == 2)
    }

    @Test func memoIndentedLineStartsAParagraph() throws {
        let (text, _, passages) = try load(Self.memo)
        let first = try passage(startingWith: "Two potential flashpoints", in: passages, of: text)
        let second = try passage(startingWith: "Second, a conflict", in: passages, of: text)
        #expect(text[first.span].hasSuffix("from global GDP."))
        #expect(second.paragraph == first.paragraph + 1)
    }

    @Test func memoHeadingsAreHeadings() throws {
        let (text, blocks, passages) = try load(Self.memo)
        #expect(headings(blocks, text) == ["NATO TURNS TO THE INDO-PACIFIC", "WHEN TWO BECOME ONE", "A PATH FORWARD"])
        for passage in passages {
            #expect(
                !["NATO TURNS TO THE INDO-PACIFIC", "WHEN TWO BECOME ONE", "A PATH FORWARD"].contains(
                    text[passage.span]))
        }
        let flashpoints = try passage(startingWith: "Two potential flashpoints", in: passages, of: text)
        #expect(flashpoints.headingPath == ["WHEN TWO BECOME ONE"])
        let alignment = try passage(startingWith: "Growing Russian, Chinese", in: passages, of: text)
        #expect(alignment.headingPath == ["WHEN TWO BECOME ONE"])
        let forward = try passage(startingWith: "NATO will not expand", in: passages, of: text)
        #expect(forward.headingPath == ["A PATH FORWARD"])
    }

    @Test func memoBylineIsBoilerplate() throws {
        let (text, _, passages) = try load(Self.memo)
        let byline = try #require(passages.last)
        #expect(text[byline.span].hasPrefix("Mr. David Sacks"))
        #expect(byline.kind == .boilerplate)
        #expect(passages.dropLast().allSatisfy { $0.kind == .paragraph })
    }

    @Test func republicationTitleAndSubheadingsAreHeadings() throws {
        let (text, blocks, passages) = try load(Self.republication)
        let title = "Does NATO have a role in the Indo-Pacific region?"
        #expect(
            headings(blocks, text) == [
                title, "The China challenge", "Strategic partnership", "The Taiwan contingency", "High costs",
                "NATO divisions", "A more deliberate approach", "Fanning flames",
            ])
        let standfirst = try passage(startingWith: "‘China’s growing influence", in: passages, of: text)
        #expect(standfirst.kind == .paragraph)
        #expect(standfirst.headingPath == [title])
        let absent = try passage(startingWith: "China used to be largely absent", in: passages, of: text)
        #expect(absent.headingPath == [title, "The China challenge"])
        #expect(absent.lines == [13, 13])
        let short = try passage(startingWith: "It would also shave", in: passages, of: text)
        #expect(short.kind == .paragraph)
        #expect(short.headingPath == [title, "The Taiwan contingency"])
    }

    @Test func republicationFurnitureIsBoilerplate() throws {
        let (text, _, passages) = try load(Self.republication)
        for prefix in [
            "China’s military drills have ramped up", "NATO members are still divided on China. Photo",
            "Russia’s invasion of Ukraine has changed everything.", "David Sacks is a fellow",
            "This article was first published", "The views and opinions expressed",
        ] {
            let found = try passage(startingWith: prefix, in: passages, of: text)
            #expect(found.kind == .boilerplate, "\(prefix)")
        }
        let caption = try passage(startingWith: "China’s military drills", in: passages, of: text)
        #expect(caption.lines == [37, 37])
        #expect(text[caption.span] == "China’s military drills have ramped up the pressure on Taiwan. Photo: PLA")
        let body = passages.filter { $0.kind == .paragraph }
        #expect(body.count == passages.count - 6)
    }

    @Test func republicationParagraphsAreOneLineEach() throws {
        let (_, _, passages) = try load(Self.republication)
        for passage in passages { #expect(passage.lines[0] == passage.lines[1]) }
        // Paragraphs count paragraph and boilerplate blocks, not headings.
        #expect(passages.map(\.paragraph) == Array(1...passages.count))
    }
}
