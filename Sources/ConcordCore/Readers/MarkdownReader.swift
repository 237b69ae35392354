import ConcordText
import Foundation

/// Reads Markdown (`.md`, `.markdown`): the extracted text is the file's own text (a UTF-8 byte-order mark
/// dropped, as `TextReader` does), so spans quote the source.
///
/// YAML front matter (`---` … `---`) gives the metadata (title, author as a string or a list, date,
/// publisher, site, URL, language) and is reported, with all Markdown syntax (heading `#`s, emphasis and code
/// markers, link and image brackets and targets, list bullets, blockquote `>`s, fences, rules), as
/// `BlockHint` `.markup` spans: kept in the text, out of the index. Headings (ATX and setext) are reported as
/// `.heading(level:)` hints over their text.
///
/// Throws `ReadError` as `TextReader` does.
public struct MarkdownReader: DocumentReader {
    /// Files above this many bytes are refused without being read; 64 MiB unless set.
    public var sizeLimit: Int

    /// A reader refusing files above `sizeLimit` bytes.
    public init(sizeLimit: Int = 64 << 20) {
        self.sizeLimit = sizeLimit
    }

    public func read(_ file: URL) throws -> ExtractedDocument {
        let text = try TextReader.decodedText(of: file, limit: sizeLimit)
        return Self.extract(text)
    }

    /// The document of a Markdown text: metadata from its front matter and the markup and heading hints.
    static func extract(_ text: String) -> ExtractedDocument {
        let syntax = MarkdownSyntax(Array(text.unicodeScalars))
        let metadata = syntax.frontMatter.map { FrontMatter(yaml: $0).metadata } ?? CitationMetadata()
        return ExtractedDocument(text: text, format: .markdown, metadata: metadata, hints: syntax.hints)
    }
}
