import ConcordBase
import Foundation

/// Reads plain text (`.txt`): the extracted text is the file's own text.
///
/// Encodings, in order (see `TextDecoding`): a byte-order mark (UTF-8, UTF-16 LE/BE), else UTF-8, else —
/// only when the bytes hold no C0 control other than tab, line feed, carriage return and form feed and look like
/// text — Windows-1252 (Latin-1's printable range included). A UTF-8 byte-order mark is dropped: spans are
/// Unicode-scalar offsets into the text after its removal. Line endings are kept as they are.
///
/// Throws `ReadError`: `.missing`, `.unreadable`, `.tooLarge` (checked before reading), `.binary` (a NUL byte or
/// over 10% control characters in the first 8 KB), `.undecodable`, `.empty` (no bytes or only white space).
public struct TextReader: DocumentReader {
    /// Files above this many bytes are refused without being read; 64 MiB unless set.
    public var sizeLimit: Int

    /// A reader refusing files above `sizeLimit` bytes.
    public init(sizeLimit: Int = 64 << 20) {
        self.sizeLimit = sizeLimit
    }

    public func read(_ file: URL) throws -> ExtractedDocument {
        let text = try Self.decodedText(of: file, limit: sizeLimit)
        return ExtractedDocument(text: text, format: .text)
    }

    /// The decoded text of a text file, refusing empty ones: shared by the text-based readers.
    static func decodedText(of file: URL, limit: Int, declaredLegacy: Bool = false) throws(ReadError) -> String {
        let bytes = try FileInput.read(file, limit: limit)
        if bytes.isEmpty { throw ReadError(.empty, "empty file") }
        let (text, _) = try TextDecoding.decode(bytes, declaredLegacy: declaredLegacy)
        if text.unicodeScalars.allSatisfy(\.isWhiteSpace) { throw ReadError(.empty, "empty file") }
        return text
    }
}
