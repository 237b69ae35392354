/// A tolerant HTML tokenizer: start and end tags with their attributes, and text with character references
/// decoded. Comments, doctypes and processing instructions are dropped; the contents of `script`, `style` and
/// the other raw-text elements are one text token each (never parsed as tags); `title` and `textarea` content
/// is text with references decoded. Malformed input never fails: what is not a tag is text.
struct HTMLTokenizer {
    /// One token of an HTML page.
    enum Token: Equatable {
        /// Text, with character references decoded (raw for script/style).
        case text(String)
        /// A start tag; names are lower-cased, attribute values decoded. The first of repeated attributes wins.
        case startTag(name: String, attributes: HTMLAttributes)
        /// An end tag; its name lower-cased.
        case endTag(name: String)
    }

    /// Elements whose content is raw text up to their end tag.
    static let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
    /// Elements whose content is text (references decoded) up to their end tag.
    static let escapableRawTextElements: Set<String> = ["title", "textarea"]

    private let bytes: [UInt8]

    init(_ html: String) {
        bytes = Array(html.utf8)
    }

    /// Every token of the page, in order.
    func tokens() -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            if end > textStart { tokens.append(.text(HTMLEntities.decode(string(textStart, end)[...]))) }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                flushText(upTo: index)
                if matches(Self.commentOpen, at: index) {
                    index = (find(Self.commentClose, from: index + 4).map { $0 + 3 }) ?? bytes.count
                } else {
                    index = (find(Self.tagClose, from: index + 2).map { $0 + 1 }) ?? bytes.count
                }
                textStart = index
            } else if next == UInt8(ascii: "/"), index + 2 < bytes.count, isLetter(bytes[index + 2]) {
                flushText(upTo: index)
                let (name, nameEnd) = tagName(from: index + 2)
                index = (find(Self.tagClose, from: nameEnd).map { $0 + 1 }) ?? bytes.count
                tokens.append(.endTag(name: name))
                textStart = index
            } else if isLetter(next) {
                flushText(upTo: index)
                let (name, attributes, end) = startTag(from: index + 1)
                tokens.append(.startTag(name: name, attributes: attributes))
                index = end
                if Self.rawTextElements.contains(name) || Self.escapableRawTextElements.contains(name) {
                    let close = findEndTag(name, from: index) ?? bytes.count
                    if close > index {
                        let content = string(index, close)
                        tokens.append(
                            .text(Self.rawTextElements.contains(name) ? content : HTMLEntities.decode(content[...])))
                    }
                    tokens.append(.endTag(name: name))
                    index = (find(Self.tagClose, from: close).map { $0 + 1 }) ?? bytes.count
                }
                textStart = index
            } else {
                index += 1
            }
        }
        flushText(upTo: bytes.count)
        return tokens
    }

    private func startTag(from start: Int) -> (String, HTMLAttributes, Int) {
        let (name, nameEnd) = tagName(from: start)
        var attributes = HTMLAttributes()
        var index = nameEnd
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (name, attributes, index + 1) }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            let attributeStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                bytes[index] != UInt8(ascii: ">"), !(bytes[index] == UInt8(ascii: "/") && index > attributeStart)
            {
                index += 1
            }
            let attribute = lowercasedString(attributeStart, index)
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = string(valueStart, index)
                    index = min(index + 1, bytes.count)
                } else {
                    let valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = string(valueStart, index)
                }
            }
            if !attribute.isEmpty, attributes[attribute] == nil {
                attributes.append(attribute, HTMLEntities.decode(value[...]))
            }
        }
        return (name, attributes, bytes.count)
    }

    private func tagName(from start: Int) -> (String, Int) {
        var index = start
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
            bytes[index] != UInt8(ascii: "/")
        {
            index += 1
        }
        return (lowercasedString(start, index), index)
    }

    /// The `<` of `</name` (any case) at or after `start`.
    private func findEndTag(_ name: String, from start: Int) -> Int? {
        let pattern = Array("</\(name)".utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                var matched = true
                for offset in 1..<pattern.count where bytes[index + offset].asciiLowercased != pattern[offset] {
                    matched = false
                    break
                }
                let after = index + pattern.count
                if matched
                    && (after == bytes.count || isSpace(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                        || bytes[after] == UInt8(ascii: "/"))
                {
                    return index
                }
            }
            index += 1
        }
        return nil
    }

    // The literals searched for, as bytes once rather than on every search.
    private static let tagClose = Array(">".utf8)
    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first && matches(pattern, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func matches(_ pattern: [UInt8], at start: Int) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        return bytes[start..<(start + pattern.count)].elementsEqual(pattern)
    }

    /// `string(start, end).lowercased()`, lowering ASCII names (nearly all are) byte by byte.
    private func lowercasedString(_ start: Int, _ end: Int) -> String {
        let slice = bytes[start..<max(start, end)]
        var hasCapital = false
        for byte in slice {
            if byte >= 0x80 { return String(decoding: slice, as: UTF8.self).lowercased() }
            if byte.asciiLowercased != byte { hasCapital = true }
        }
        guard hasCapital else { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: slice.map(\.asciiLowercased), as: UTF8.self)
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

/// A start tag's attributes, in the order written. A tag has a few: they are found by comparing names, not kept
/// in a dictionary made and hashed for every tag of every page.
struct HTMLAttributes: Equatable, Sequence {
    fileprivate struct Attribute: Equatable {
        var name: String
        var value: String
    }

    private var attributes: [Attribute] = []

    init() {}

    /// The value of the attribute `name` (lowercase), if the tag has it.
    subscript(name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    mutating func append(_ name: String, _ value: String) {
        attributes.append(Attribute(name: name, value: value))
    }

    struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Attribute]>

        mutating func next() -> (key: String, value: String)? {
            base.next().map { ($0.name, $0.value) }
        }
    }

    func makeIterator() -> Iterator { Iterator(base: attributes.makeIterator()) }
}
