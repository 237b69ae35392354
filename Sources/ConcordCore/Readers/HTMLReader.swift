import ConcordText
import Foundation

/// Reads HTML (`.html`, `.htm`) with a small tolerant tokenizer: the extracted text is the page's plain text.
///
/// The text holds the content a reader sees, without scripts, styles, templates, SVG and the page's chrome
/// (navigation, site header and footer, asides, forms); when the page has an `<article>` (else a `<main>`),
/// only its content. Character references are decoded (named, decimal, hexadecimal). Block elements become
/// paragraph breaks ("\n\n"), `<br>` a line break ("\n"); white space folds to single spaces outside `<pre>`.
/// Hints: headings (`h1`–`h6` with their level), paragraphs, and boilerplate (`figcaption`, an article's own
/// footer, and elements whose class or id says caption, share, social, byline, related, newsletter or cookie),
/// all spans into the extracted text.
///
/// Metadata comes from the page's tags, `citation_*` (Highwire Press) first, then Open Graph, then plain
/// `<meta>` (`author`, `article:published_time`, Dublin Core `dc.*`) and `<link rel=canonical>`, then
/// `<title>`; the language from `citation_language`, `<html lang>`, `dc.language` or `og:locale`.
///
/// The page's encoding: a byte-order mark, else UTF-8, else Windows-1252 when the page declares a Latin
/// charset (or its bytes look like it); see `TextDecoding`. Throws `ReadError` as `TextReader` does, and
/// `.empty` for a page without text content.
public struct HTMLReader: DocumentReader {
    /// Files above this many bytes are refused without being read; 64 MiB unless set.
    public var sizeLimit: Int

    /// A reader refusing files above `sizeLimit` bytes.
    public init(sizeLimit: Int = 64 << 20) {
        self.sizeLimit = sizeLimit
    }

    public func read(_ file: URL) throws -> ExtractedDocument {
        let bytes = try FileInput.read(file, limit: sizeLimit)
        if bytes.isEmpty { throw ReadError(.empty, "empty file") }
        let (html, _) = try TextDecoding.decode(bytes, declaredLegacy: Self.declaresLatinCharset(bytes))
        let document = Self.extract(html)
        if document.text.isEmpty { throw ReadError(.empty, "no text content") }
        return document
    }

    /// The document of an HTML page: its text, hints and metadata.
    static func extract(_ html: String) -> ExtractedDocument {
        let tokens = HTMLTokenizer(html).tokens()
        let found = HTMLTextExtractor.contentElements(in: tokens)
        var extraction = HTMLTextExtractor.extract(tokens, scope: found.article ? .article : found.main ? .main : nil)
        if extraction.text.isEmpty && (found.article || found.main) {
            extraction = HTMLTextExtractor.extract(tokens, scope: nil)
        }
        return ExtractedDocument(
            text: extraction.text, format: .html, metadata: HTMLMetadata(tokens).metadata, hints: extraction.hints)
    }

    /// Whether the first 1024 bytes declare a Latin-1/Windows-1252/ASCII charset (`<meta charset>` or
    /// `http-equiv` content).
    static func declaresLatinCharset(_ bytes: [UInt8]) -> Bool {
        var head = Array(bytes.prefix(1024))
        for index in head.indices { head[index] = head[index].asciiLowercased }
        let marker = Array("charset=".utf8)
        guard let found = (0...max(0, head.count - marker.count)).first(where: { head[$0..<min(head.count, $0 + marker.count)].elementsEqual(marker) })
        else { return false }
        var index = found + marker.count
        while index < head.count, head[index] == UInt8(ascii: "\"") || head[index] == UInt8(ascii: "'") || head[index] == 0x20 {
            index += 1
        }
        var value: [UInt8] = []
        while index < head.count, let byte = Optional(head[index]),
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        {
            value.append(byte)
            index += 1
        }
        return ["windows-1252", "iso-8859-1", "iso-8859-15", "latin1", "latin-1", "cp1252", "us-ascii", "ascii"]
            .contains(String(decoding: value, as: UTF8.self))
    }
}

/// The citation metadata of an HTML page's tags, in the precedence `HTMLReader` states.
struct HTMLMetadata {
    private var meta: [String: [String]] = [:]
    private var title: String?
    private var language: String?
    private var canonical: String?

    init(_ tokens: [HTMLTokenizer.Token]) {
        var inTitle = false
        var svgDepth = 0
        for token in tokens {
            switch token {
            case .startTag(let name, let attributes):
                switch name {
                case "html": language = language ?? attributes["lang"] ?? attributes["xml:lang"]
                case "svg": svgDepth += 1
                case "title": inTitle = svgDepth == 0 && title == nil
                case "meta":
                    guard let content = attributes["content"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                        !content.isEmpty,
                        let key = attributes["name"] ?? attributes["property"] ?? attributes["itemprop"]
                    else { continue }
                    meta[key.lowercased(), default: []].append(content)
                case "link":
                    let rel = attributes["rel"]?.lowercased().split(separator: " ") ?? []
                    if rel.contains("canonical"), canonical == nil, let href = attributes["href"] { canonical = href }
                default: break
                }
            case .endTag(let name):
                if name == "svg" { svgDepth = max(0, svgDepth - 1) }
                if name == "title" { inTitle = false }
            case .text(let text):
                if inTitle { title = Self.folded(text) }
            }
        }
    }

    private func first(_ keys: String...) -> String? {
        for key in keys {
            if let value = meta[key]?.first.map(Self.folded), !value.isEmpty { return value }
        }
        return nil
    }

    private func all(_ key: String) -> [String] { (meta[key] ?? []).map(Self.folded).filter { !$0.isEmpty } }

    private static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var metadata: CitationMetadata {
        var metadata = CitationMetadata()
        metadata.title =
            first("citation_title", "og:title", "dc.title", "dcterms.title", "twitter:title", "title")
            ?? title.flatMap { $0.isEmpty ? nil : $0 }
        var names = all("citation_author")
        if names.isEmpty { names = all("author") }
        if names.isEmpty { names = all("article:author").filter { !$0.contains("://") } }
        if names.isEmpty { names = all("dc.creator") + all("dcterms.creator") }
        // `citation_author` holds one name per tag; the plain `author` tag often several.
        if meta["citation_author"] == nil {
            names = names.flatMap { $0.components(separatedBy: ";") }.flatMap { $0.components(separatedBy: " and ") }
        }
        metadata.author = names.compactMap { PersonName.readerParsed(from: $0) }
        metadata.issued =
            [
                first("citation_publication_date"), first("citation_date"), first("citation_online_date"),
                first("article:published_time"), first("dc.date", "dcterms.date", "dcterms.issued", "date"),
            ].lazy.compactMap { $0.flatMap { DateParts.readerParsed(from: $0) } }.first
        metadata.containerTitle = first(
            "citation_journal_title", "citation_conference_title", "citation_inbook_title", "og:site_name",
            "application-name")
        metadata.publisher = first("citation_publisher", "dc.publisher", "dcterms.publisher")
        metadata.url =
            first(
                "citation_public_url", "citation_abstract_html_url", "citation_fulltext_html_url", "og:url",
                "dc.identifier"
            )
            .flatMap { $0.hasPrefix("http://") || $0.hasPrefix("https://") ? $0 : nil } ?? canonical
        let locale = first("og:locale").map { $0.replacingOccurrences(of: "_", with: "-") }
        metadata.language =
            first("citation_language") ?? language.flatMap { $0.isEmpty ? nil : $0 } ?? first(
                "dc.language", "dcterms.language")
            ?? locale
        return metadata
    }
}
