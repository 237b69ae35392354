/// A link to an exact quote on a web page: the URL with a text fragment directive, `URL#:~:text=…`
/// (WICG Text Fragments, https://wicg.github.io/scroll-to-text-fragment/).
///
/// Whitespace in the quote is folded to single spaces (pages render hard-wrapped text that way). A quote of more
/// than ``maximumExactWords`` words uses the `textStart,textEnd` form with the first and last
/// ``contextWords`` words, which keeps links short and survives small edits in the middle.
public enum TextFragment {
    /// The longest quote, in words, linked to in full.
    public static let maximumExactWords = 12
    /// How many words the start and the end of a long quote keep.
    public static let contextWords = 4

    /// `url` with a text fragment directive selecting `quote`; `url` unchanged for a blank quote.
    ///
    /// A fragment the URL already has is kept: the directive follows it (`#section:~:text=…`).
    public static func link(to quote: String, in url: String) -> String {
        guard let directive = directive(for: quote) else { return url }
        let separator = url.contains("#") ? "" : "#"
        return url + separator + ":~:" + directive
    }

    /// The directive alone, `text=start,end` or `text=quote`, percent-encoded; `nil` for a blank quote.
    public static func directive(for quote: String) -> String? {
        let words = quote.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty else { return nil }
        if words.count <= maximumExactWords {
            return "text=" + encode(words.joined(separator: " "))
        }
        let start = words.prefix(contextWords).joined(separator: " ")
        let end = words.suffix(contextWords).joined(separator: " ")
        return "text=" + encode(start) + "," + encode(end)
    }

    /// Percent-encodes a text directive term: everything but ASCII letters, digits and `. _ ~ ! * ' ( )` is
    /// written as UTF-8 `%XX`, so the spec's delimiters `&`, `-` and `,` (and `#`, `%`, spaces) never appear raw.
    public static func encode(_ term: String) -> String {
        var encoded = ""
        for byte in term.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                encoded += "%"
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return encoded
    }
}
