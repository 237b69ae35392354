import ConcordBase
import Foundation

/// Reads PDF (`.pdf`) through poppler's `pdftotext -enc UTF-8 FILE -` (reading order, not `-layout`) in a
/// subprocess, so a malformed file cannot take the ingest down; metadata (Title, Author, CreationDate) comes
/// from `pdfinfo -enc UTF-8 -isodates FILE`.
///
/// The extracted text is `pdftotext`'s output with each page-ending form feed turned into a line feed (one
/// scalar for one, so offsets do not move): pages end in a blank line. A title that is only a file name
/// ("Microsoft Word - memo.docx") is dropped.
///
/// Throws `ReadError`: `.missing`/`.unreadable`/`.tooLarge` as the text readers do; `.toolMissing` when
/// `pdftotext` is not installed (package poppler-utils); `.toolFailed` with the first error line `pdftotext`
/// printed, or when it outlives `timeout`; `.noTextLayer` when the PDF holds no text (scanned pages).
/// `pdfinfo` failing only leaves the metadata empty.
public struct PDFReader: DocumentReader {
    /// The `pdftotext` to run; nil to look it up on `$PATH` when reading.
    public var pdftotext: URL?
    /// The `pdfinfo` to run; nil to look it up on `$PATH` (beside `pdftotext` first).
    public var pdfinfo: URL?
    /// How long each tool may run.
    public var timeout: Duration
    /// Files above this many bytes are refused without being read; 512 MiB unless set.
    public var sizeLimit: Int

    /// A reader running the given tools (found on `$PATH` when nil) with a time limit per run.
    public init(
        pdftotext: URL? = nil, pdfinfo: URL? = nil, timeout: Duration = .seconds(60), sizeLimit: Int = 512 << 20
    ) {
        self.pdftotext = pdftotext
        self.pdfinfo = pdfinfo
        self.timeout = timeout
        self.sizeLimit = sizeLimit
    }

    public func read(_ file: URL) throws -> ExtractedDocument {
        try FileInput.check(file, limit: sizeLimit)
        guard let tool = pdftotext ?? Subprocess.find("pdftotext"),
            FileManager.default.isExecutableFile(atPath: tool.path)
        else {
            throw ReadError(.toolMissing, "pdftotext not found: install poppler-utils (apt-get install poppler-utils)")
        }
        let path = file.standardizedFileURL.path
        let outcome = try Subprocess.run(tool, ["-enc", "UTF-8", path, "-"], timeout: timeout)
        guard outcome.status == 0 else {
            let detail = outcome.errorLine ?? "exit status \(outcome.status)"
            throw ReadError(.toolFailed, "pdftotext failed: \(detail)")
        }
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: outcome.standardOutput, as: UTF8.self).unicodeScalars {
            scalars.append(scalar == "\u{0C}" ? "\n" : scalar)
        }
        let text = String(scalars)
        if text.unicodeScalars.allSatisfy(\.isWhiteSpace) {
            throw ReadError(.noTextLayer, "no text layer (scanned PDF?)")
        }
        return ExtractedDocument(text: text, format: .pdf, metadata: metadata(of: path, besides: tool))
    }

    /// The metadata `pdfinfo` reports; empty when it is missing or fails.
    private func metadata(of path: String, besides pdftotext: URL) -> CitationMetadata {
        let sibling = pdftotext.deletingLastPathComponent().appendingPathComponent("pdfinfo")
        let tool =
            pdfinfo
            ?? (FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling : Subprocess.find("pdfinfo"))
        guard let tool,
            let outcome = try? Subprocess.run(tool, ["-enc", "UTF-8", "-isodates", path], timeout: timeout),
            outcome.status == 0
        else { return CitationMetadata() }
        return Self.metadata(fromInfo: String(decoding: outcome.standardOutput, as: UTF8.self))
    }

    /// The metadata in `pdfinfo`'s output ("Title:   …" lines).
    static func metadata(fromInfo info: String) -> CitationMetadata {
        var fields: [String: String] = [:]
        for line in info.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if fields[key] == nil, !value.isEmpty { fields[key] = value }
        }
        var metadata = CitationMetadata()
        if let title = fields["Title"], !Self.isFileName(title) { metadata.title = title }
        if let author = fields["Author"] {
            metadata.author = author.components(separatedBy: ";").flatMap { $0.components(separatedBy: " and ") }
                .compactMap { PersonName.readerParsed(from: $0) }
        }
        metadata.issued = fields["CreationDate"].flatMap { DateParts.readerParsed(from: $0) }
        return metadata
    }

    private static func isFileName(_ title: String) -> Bool {
        let lower = title.lowercased()
        if lower.hasPrefix("microsoft word - ") || lower == "untitled" || lower.hasPrefix("untitled-") { return true }
        return [".doc", ".docx", ".pdf", ".indd", ".rtf", ".odt", ".ppt", ".pptx", ".tex", ".dvi"]
            .contains { lower.hasSuffix($0) }
    }
}
