import Foundation

/// Picks the reader for a file by its extension (case-insensitive): `.txt`; `.md`, `.markdown`; `.html`,
/// `.htm`; `.pdf`. Other files have no reader (the ingest skips them).
public struct ReaderRegistry: Sendable {
    /// The text-based readers' size limit in bytes.
    public var sizeLimit: Int
    /// How long `pdftotext` may run on one file.
    public var pdfTimeout: Duration

    /// The extensions concord reads, lower-cased, with the format each gives.
    public static let formats: [String: DocumentFormat] = [
        "txt": .text, "md": .markdown, "markdown": .markdown, "html": .html, "htm": .html, "pdf": .pdf,
    ]

    /// A registry whose readers refuse text files above `sizeLimit` bytes (64 MiB unless set) and stop
    /// `pdftotext` after `pdfTimeout`.
    public init(sizeLimit: Int = 64 << 20, pdfTimeout: Duration = .seconds(60)) {
        self.sizeLimit = sizeLimit
        self.pdfTimeout = pdfTimeout
    }

    /// The format of `file` by its extension, or nil when concord does not read it.
    public func format(of file: URL) -> DocumentFormat? {
        Self.formats[file.pathExtension.lowercased()]
    }

    /// The reader for `file`, or nil when concord does not read its extension.
    public func reader(for file: URL) -> (any DocumentReader)? {
        guard let format = format(of: file) else { return nil }
        return reader(for: format)
    }

    /// The reader of `format`.
    public func reader(for format: DocumentFormat) -> any DocumentReader {
        switch format {
        case .text: TextReader(sizeLimit: sizeLimit)
        case .markdown: MarkdownReader(sizeLimit: sizeLimit)
        case .html: HTMLReader(sizeLimit: sizeLimit)
        case .pdf: PDFReader(timeout: pdfTimeout)
        }
    }

    /// Reads `file` with its reader; throws `ReadError` `.unsupported` for an extension concord does not read.
    public func read(_ file: URL) throws -> ExtractedDocument {
        guard let reader = reader(for: file) else { throw Self.unsupported(file) }
        return try reader.read(file)
    }

    /// Why `file`, of a type no reader handles, is not read, with the types that are.
    static func unsupported(_ file: URL) -> ReadError {
        let type = file.pathExtension.isEmpty ? "no file type" : "unsupported file type (.\(file.pathExtension))"
        return ReadError(.unsupported, "\(type); concord reads \(readable)")
    }

    /// The extensions concord reads, for people: ".htm, .html, … and .txt".
    static let readable: String = {
        let names = formats.keys.sorted().map { "." + $0 }
        return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " and " : "") + (names.last ?? "")
    }()
}
