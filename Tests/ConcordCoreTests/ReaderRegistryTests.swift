import ConcordTestSupport
import Foundation
import Testing

@testable import ConcordCore

@Suite struct ReaderRegistryTests {
    @Test(
        "readers by extension, case-insensitive",
        arguments: [
            ("a.txt", DocumentFormat.text), ("b.TXT", .text), ("c.md", .markdown), ("d.Markdown", .markdown),
            ("e.html", .html), ("f.HTM", .html), ("g.pdf", .pdf), ("h.PDF", .pdf),
        ])
    func readerByExtension(name: String, format: DocumentFormat) {
        let registry = ReaderRegistry()
        let file = URL(fileURLWithPath: "/tmp/\(name)")
        #expect(registry.format(of: file) == format)
        #expect(registry.reader(for: file) != nil)
    }

    @Test(arguments: ["a.docx", "b", "c.txt.bak", "d.meta.json", ".md"])
    func otherFilesHaveNoReader(name: String) {
        #expect(ReaderRegistry().reader(for: URL(fileURLWithPath: "/tmp/\(name)")) == nil)
    }

    @Test func readsThroughTheRightReader() throws {
        let folder = try TemporaryDirectory()
        let registry = ReaderRegistry(sizeLimit: 1024)
        #expect(try registry.read(try folder.write("x.md", "# Title\n")).format == .markdown)
        #expect(try registry.read(try folder.write("x.htm", "<p>Hi</p>")).text == "Hi")
        #expect(throws: ReadError.self) {
            try registry.read(try folder.write("x.txt", String(repeating: "a", count: 2000)))
        }
        let error = try #require(throws: ReadError.self) { try registry.read(try folder.write("x.doc", "text")) }
        #expect(error.kind == .unsupported)
    }

    @Test(
        "document ids are slugs of relative paths",
        arguments: [
            ("000_75fd1b966845eedf.txt", "000-75fd1b966845eedf-txt"), ("Sub Dir/Report.PDF", "sub-dir-report-pdf"),
            ("--a__b--", "a-b"), ("Über/Straße.md", "ber-stra-e-md"), ("", ""),
        ])
    func documentIDs(path: String, slug: String) {
        #expect(DocumentID.slug(relativePath: path) == slug)
    }

    @Test func readErrorsPrintTheirReason() {
        let error = ReadError(.noTextLayer, "no text layer (scanned PDF?)")
        #expect("\(error)" == "no text layer (scanned PDF?)")
        #expect(ReadError.formatSize(100) == "100 bytes")
        #expect(ReadError.formatSize(3 << 19) == "1.5 MB")
    }
}
