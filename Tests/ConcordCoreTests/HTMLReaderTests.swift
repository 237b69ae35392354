import ConcordTestSupport
import ConcordText
import Foundation
import Testing

@testable import ConcordCore

@Suite struct HTMLReaderTests {
    private func hints(_ document: ExtractedDocument) -> [String] {
        let text = ScalarText(document.text)
        return document.hints.map { hint in
            let kind =
                switch hint.kind {
                case .heading(let level): "h\(level)"
                case .paragraph: "p"
                case .boilerplate: "boilerplate"
                case .markup: "markup"
                }
            return "\(kind):\(text[hint.span])"
        }
    }

    @Test func textWithoutScriptsStylesAndChrome() throws {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><title>Page title</title>
            <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body>
            <header><a href="/">Site name</a></header>
            <nav><ul><li>Home</li><li>About</li></ul></nav>
            <h1>Main   heading</h1>
            <p>First paragraph with <b>bold</b> and <a href="x">a link</a>.</p>
            <!-- a comment <p>hidden</p> -->
            <div>Line one<br>Line two</div>
            <noscript>Enable JavaScript</noscript><template><p>template</p></template>
            <svg><title>icon</title><text>svg text</text></svg>
            <aside>Related stories</aside>
            <form><label>Email</label></form>
            <p hidden>Hidden paragraph</p><p style="display: none">Also hidden</p>
            <footer>Copyright footer</footer>
            </body></html>
            """
        let document = HTMLReader.extract(html)
        #expect(document.text == "Main heading\n\nFirst paragraph with bold and a link.\n\nLine one\nLine two")
        #expect(
            hints(document) == ["h1:Main heading", "p:First paragraph with bold and a link.", "p:Line one\nLine two"])
        #expect(document.metadata.title == "Page title")
        #expect(document.metadata.language == "en")
    }

    @Test func entitiesAreDecoded() throws {
        let html =
            "<p>Tom&nbsp;&amp;&nbsp;Jerry &mdash; &ldquo;quoted&rdquo; it&rsquo;s &#8220;x&#x201D; &eacute;t&eacute; &copy &unknown; &#150; 5 &lt; 6</p>"
        let document = HTMLReader.extract(html)
        #expect(document.text == "Tom\u{A0}&\u{A0}Jerry — “quoted” it’s “x” été © &unknown; – 5 < 6")
    }

    @Test func articleIsPreferredAndBoilerplateMarked() throws {
        let html = """
            <body><div class="menu">Menu text outside</div>
            <main><article>
              <header><h1>Article title</h1><p class="byline">By David Sacks</p></header>
              <p>Body paragraph.</p>
              <figure><img src="a.jpg"><figcaption>China’s drills. Photo: PLA</figcaption></figure>
              <h2>Section</h2>
              <pre>  code
              kept</pre>
              <div class="share-buttons">Share on X</div>
              <footer>David Sacks is a fellow at CFR.</footer>
            </article>
            <aside><article>Teaser elsewhere</article></aside></main>
            <div>Outside text</div></body>
            """
        let document = HTMLReader.extract(html)
        #expect(
            hints(document) == [
                "h1:Article title", "boilerplate:By David Sacks", "p:Body paragraph.",
                "boilerplate:China’s drills. Photo: PLA", "h2:Section", "p:code\n  kept", "boilerplate:Share on X",
                "boilerplate:David Sacks is a fellow at CFR.",
            ])
        #expect(!document.text.contains("Outside"))
        #expect(!document.text.contains("Teaser"))
        #expect(!document.text.contains("Menu"))
    }

    @Test func mainIsUsedWithoutArticle() {
        let document = HTMLReader.extract("<p>Chrome</p><div role=main><p>Content</p></div><p>More chrome</p>")
        #expect(document.text == "Content")
    }

    /// Of an attribute written twice, the first counts; tag and attribute names are matched whatever their case.
    @Test func firstOfRepeatedAttributesCounts() {
        let document = HTMLReader.extract(
            "<H3 Id=top>Heading</H3><P CLASS=body class=caption>Kept as body.</P><p class=share Class=body>Marked.</p>"
                + "<div ROLE=navigation role=main>Chrome.</div><h7>Not a heading</h7>")
        #expect(hints(document) == ["h3:Heading", "p:Kept as body.", "boilerplate:Marked.", "p:Not a heading"])
    }

    @Test func tolerantOfBrokenMarkup() {
        let document = HTMLReader.extract("<p>One<p>Two <b>unclosed<li>Item</ul></div><p x='1' y=2 z>Three &amp")
        #expect(document.text == "One\n\nTwo unclosed\n\nItem\n\nThree &")
        #expect(HTMLReader.extract("a < b and c<").text == "a < b and c<")
    }

    @Test func metadataPrecedence() throws {
        let html = """
            <html lang="en-GB"><head>
            <title>Plain title | Site</title>
            <meta property="og:title" content="OG title">
            <meta name="citation_title" content="Citation &amp; title">
            <meta name="author" content="Plain Author">
            <meta name="citation_author" content="Sacks, David">
            <meta name="citation_author" content="Jane Roe">
            <meta property="article:published_time" content="2024-06-01T08:00:00Z">
            <meta name="citation_publication_date" content="2024/05/30">
            <meta property="og:site_name" content="China Factor">
            <meta name="citation_publisher" content="Council on Foreign Relations">
            <meta property="og:url" content="https://example.org/og">
            <link rel="canonical" href="https://example.org/canonical">
            </head><body><p>Text</p></body></html>
            """
        let metadata = HTMLReader.extract(html).metadata
        #expect(metadata.title == "Citation & title")
        #expect(
            metadata.author == [PersonName(family: "Sacks", given: "David"), PersonName(family: "Roe", given: "Jane")])
        #expect(metadata.issued == DateParts(year: 2024, month: 5, day: 30))
        #expect(metadata.containerTitle == "China Factor")
        #expect(metadata.publisher == "Council on Foreign Relations")
        #expect(metadata.url == "https://example.org/og")
        #expect(metadata.language == "en-GB")
    }

    @Test func metadataFallsBackToPlainTagsAndTitle() {
        let html = """
            <head><title> Only   the title </title><meta name="author" content="Ann Lee and Bo Chen">
            <meta property="article:published_time" content="2023-11-02T10:00:00+01:00">
            <link rel="canonical" href="https://example.org/c"></head><body><p>x</p></body>
            """
        let metadata = HTMLReader.extract(html).metadata
        #expect(metadata.title == "Only the title")
        #expect(metadata.author == [PersonName(family: "Lee", given: "Ann"), PersonName(family: "Chen", given: "Bo")])
        #expect(metadata.issued == DateParts(year: 2023, month: 11, day: 2))
        #expect(metadata.url == "https://example.org/c")
        #expect(metadata.language == nil)
    }

    @Test func readsFilesInDeclaredLatinCharset() throws {
        let folder = try TemporaryDirectory()
        let bytes =
            Array("<meta charset=\"windows-1252\"><p>Caf".utf8) + [0xE9, 0x93] + Array("q".utf8) + [0x94]
            + Array("</p>".utf8)
        let document = try HTMLReader().read(try folder.write("latin.HTM", Data(bytes)))
        #expect(document.text == "Café“q”")
        #expect(document.format == .html)
        let empty = try folder.write("empty.html", "<html><head><title>T</title></head><body> </body></html>")
        #expect(throws: ReadError(.empty, "no text content")) { try HTMLReader().read(empty) }
    }
}
