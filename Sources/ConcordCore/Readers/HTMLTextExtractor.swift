import ConcordBase
import ConcordText

/// Turns HTML tokens into plain text with block hints: the walk behind `HTMLReader`.
///
/// Text outside the content is dropped: script, style, noscript, template, svg and the like; navigation,
/// asides, forms and the site's header and footer (a `header` or `footer` inside `article`/`main` is the
/// article's own and stays, a footer as boilerplate); elements marked `hidden`, `display:none` or with a
/// chrome ARIA role. When `scope` is set, only text inside those elements is kept (`article`, else `main`).
/// Block elements end paragraphs ("\n\n"), `br` a line ("\n"); white space runs fold to one space outside
/// `pre`.
struct HTMLTextExtractor {
    /// Elements whose content never reaches the text.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "head", "title", "nav", "aside", "form",
        "iframe", "object", "embed", "canvas", "button", "select", "textarea", "datalist", "dialog", "map",
        "audio", "video", "xmp", "noembed", "noframes",
    ]
    /// ARIA roles of page chrome.
    static let chromeRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
    ]
    /// Words in a class or id that mark boilerplate.
    static let boilerplateMarkers = ["caption", "share", "social", "byline", "related", "newsletter", "cookie"]
        .map { Array($0.utf8) }

    /// Whether a class or id value holds a boilerplate marker (ASCII case ignored). Runs for every element, so
    /// it compares bytes.
    static func marksBoilerplate(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            // One pass: the markers are compared only at a byte one of them starts with.
            let initials = markerInitials
            let markers = boilerplateMarkers
            for start in bytes.indices where initials[Int(bytes[start].asciiLowercased)] {
                for marker in markers where marker.count <= bytes.count - start {
                    var matched = 0
                    while matched < marker.count && bytes[start + matched].asciiLowercased == marker[matched] {
                        matched += 1
                    }
                    if matched == marker.count { return true }
                }
            }
            return false
        }
    }

    /// Whether a marker starts with the byte, by byte.
    private static let markerInitials: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for marker in boilerplateMarkers { if let first = marker.first { table[Int(first)] = true } }
        return table
    }()

    /// Whether a `style` value hides the element (`display:none`, `visibility:hidden`, spaces and case ignored).
    static func hidesContent(_ style: String) -> Bool {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(style.utf8.count)
        for byte in style.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            bytes.append(byte.asciiLowercased)
        }
        return bytes.contains(bytes: hiddenDisplay) || bytes.contains(bytes: hiddenVisibility)
    }

    private static let hiddenDisplay = Array("display:none".utf8)
    private static let hiddenVisibility = Array("visibility:hidden".utf8)

    /// Elements that end a paragraph where they start and end.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "caption", "plaintext", "option",
    ]
    /// Elements that have no end tag.
    static let voids: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen",
    ]
    /// Start tags that close an open element of the same family, up to a boundary.
    static let impliedEnds: [String: (closes: Set<String>, boundary: Set<String>)] = [
        "li": (["li"], ["ul", "ol", "menu"]),
        "dt": (["dt", "dd"], ["dl"]), "dd": (["dt", "dd"], ["dl"]),
        "tr": (["tr", "td", "th"], ["table", "tbody", "thead", "tfoot"]),
        "td": (["td", "th"], ["tr", "table"]), "th": (["td", "th"], ["tr", "table"]),
        "option": (["option"], ["select", "datalist"]),
        "tbody": (["tbody", "thead", "tfoot", "tr", "td", "th"], ["table"]),
        "thead": (["tbody", "thead", "tfoot", "tr", "td", "th"], ["table"]),
        "tfoot": (["tbody", "thead", "tfoot", "tr", "td", "th"], ["table"]),
    ]

    /// What `start` asks of an element's name, in one lookup rather than one a set: every start tag of a page
    /// goes through it twice (`contentElements`, then `extract`).
    private struct Traits: OptionSet {
        let rawValue: UInt8
        static let block = Traits(rawValue: 1 << 0)
        static let void = Traits(rawValue: 1 << 1)
        static let skipped = Traits(rawValue: 1 << 2)
        static let impliesEnds = Traits(rawValue: 1 << 3)
    }

    private static let traits: [String: Traits] = {
        var table: [String: Traits] = [:]
        for name in blocks { table[name, default: []].insert(.block) }
        for name in voids { table[name, default: []].insert(.void) }
        for name in skipped { table[name, default: []].insert(.skipped) }
        for name in impliedEnds.keys { table[name, default: []].insert(.impliesEnds) }
        return table
    }()

    /// Which elements bound the content.
    enum Scope {
        case article, main
    }

    private struct Element {
        var name: String
        /// Ends a paragraph where it starts and ends (`blocks`).
        var block = false
        /// A table cell: a space stands between cells.
        var cell = false
        var skip = false
        var boilerplate = false
        var heading: Int?
        var pre = false
        var scope = false
        var content = false
    }

    private var stack: [Element] = []
    private var skipDepth = 0
    private var boilerplateDepth = 0
    private var headings: [Int] = []
    private var preDepth = 0
    private var scopeDepth = 0
    private var contentDepth = 0
    private let scope: Scope?

    // The text being built, as UTF-8 (appending to a `String.UnicodeScalarView` one scalar at a time cost twice
    // as much), and its length in scalars.
    private var output: [UInt8] = []
    private var count = 0
    private var pendingNewlines = 0
    private var pendingSpace = false
    private var dropNewlineAtPreStart = false
    private var blockStart: Int?
    private var blockEnd = 0
    private var blockKind: BlockHint.Kind = .paragraph
    private(set) var hints: [BlockHint] = []

    /// Whether the tokens hold an `article`, and a `main` (element or role), outside skipped chrome.
    static func contentElements(in tokens: [HTMLTokenizer.Token]) -> (article: Bool, main: Bool) {
        var probe = HTMLTextExtractor(scope: nil)
        var article = false
        var main = false
        for token in tokens {
            if case .startTag(let name, let attributes) = token, probe.skipDepth == 0 {
                if name == "article" { article = true }
                if name == "main" || attributes["role"]?.lowercased() == "main" { main = true }
            }
            probe.apply(token, emitting: false)
        }
        return (article, main)
    }

    /// The text and hints of `tokens`, keeping only text inside `scope` elements when set.
    static func extract(_ tokens: [HTMLTokenizer.Token], scope: Scope?) -> (text: String, hints: [BlockHint]) {
        var extractor = HTMLTextExtractor(scope: scope)
        for token in tokens { extractor.apply(token, emitting: true) }
        extractor.finishBlock()
        return (String(decoding: extractor.output, as: UTF8.self), extractor.hints)
    }

    private init(scope: Scope?) {
        self.scope = scope
    }

    private mutating func apply(_ token: HTMLTokenizer.Token, emitting: Bool) {
        switch token {
        case .text(let text):
            guard emitting, skipDepth == 0, scope == nil || scopeDepth > 0 else { return }
            append(text)
        case .startTag(let name, let attributes):
            start(name, attributes)
        case .endTag(let name):
            guard let index = stack.lastIndex(where: { $0.name == name }) else {
                if name == "br" { lineBreak() }  // `</br>` is read as `<br>`
                if name == "p" { paragraphBreak() }
                return
            }
            pop(to: index)
        }
    }

    private mutating func start(_ name: String, _ attributes: HTMLAttributes) {
        let traits = Self.traits[name] ?? []
        if name == "body", let head = stack.lastIndex(where: { $0.name == "head" }) { pop(to: head) }
        if let top = stack.last, top.name == "p", top.block, traits.contains(.block) { pop(to: stack.count - 1) }
        if traits.contains(.impliesEnds), let implied = Self.impliedEnds[name] {
            for index in stack.indices.reversed() {
                if implied.boundary.contains(stack[index].name) { break }
                if implied.closes.contains(stack[index].name) {
                    pop(to: index)
                    break
                }
            }
        }
        let block = traits.contains(.block)
        let cell = name == "td" || name == "th"
        if name == "br" { lineBreak() }
        if cell { pendingSpace = true }
        if block { paragraphBreak() }
        guard !traits.contains(.void) else { return }

        var element = Element(name: name, block: block, cell: cell)
        // The attributes read once each, in one pass: an element has a few, and six lookups by key hashed six
        // keys even when it had none.
        var role = ""
        var hidden = false
        var marked = false
        for (key, value) in attributes {
            switch key {
            case "role": role = value.lowercased()
            case "hidden": hidden = true
            case "aria-hidden": hidden = hidden || value.lowercased() == "true"
            case "style": hidden = hidden || Self.hidesContent(value)
            case "class", "id": marked = marked || Self.marksBoilerplate(value)
            default: break
            }
        }
        let insideContent = contentDepth > 0
        element.skip =
            traits.contains(.skipped) || hidden || (!role.isEmpty && Self.chromeRoles.contains(role))
            || ((name == "header" || name == "footer") && !insideContent)
        element.boilerplate = marked || name == "figcaption" || (name == "footer" && insideContent)
        // "h1" to "h6", by bytes: counting a name's characters costs more than the rest of a start tag.
        if name.utf8.count == 2, name.utf8.first == UInt8(ascii: "h"), let digit = name.utf8.last,
            (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(digit)
        {
            element.heading = Int(digit - UInt8(ascii: "0"))
        }
        element.pre = name == "pre" || name == "listing" || name == "plaintext"
        element.content = name == "article" || name == "main" || role == "main"
        switch scope {
        case .article: element.scope = name == "article"
        case .main: element.scope = name == "main" || role == "main"
        case nil: break
        }
        push(element)
    }

    private mutating func push(_ element: Element) {
        stack.append(element)
        if element.skip { skipDepth += 1 }
        if element.boilerplate { boilerplateDepth += 1 }
        if let level = element.heading { headings.append(level) }
        if element.pre {
            preDepth += 1
            dropNewlineAtPreStart = true
        }
        if element.scope { scopeDepth += 1 }
        if element.content { contentDepth += 1 }
    }

    /// Closes the element at `index` and every element opened inside it.
    private mutating func pop(to index: Int) {
        while stack.count > index {
            guard let element = stack.popLast() else { return }
            if element.skip { skipDepth -= 1 }
            if element.boilerplate { boilerplateDepth -= 1 }
            if element.heading != nil { headings.removeLast() }
            if element.pre { preDepth -= 1 }
            if element.scope { scopeDepth -= 1 }
            if element.content { contentDepth -= 1 }
            if element.block { paragraphBreak() }
            if element.cell { pendingSpace = true }
        }
    }

    // MARK: Output

    private mutating func append(_ text: String) {
        let kind: BlockHint.Kind =
            if let level = headings.last { .heading(level: level) } else if boilerplateDepth > 0 { .boilerplate } else {
                .paragraph
            }
        for scalar in text.unicodeScalars {
            if preDepth > 0 {
                if dropNewlineAtPreStart {
                    dropNewlineAtPreStart = false
                    if scalar == "\n" { continue }
                }
                if scalar == "\r" { continue }
                write(scalar, kind: kind, isSpace: scalar == " " || scalar == "\t" || scalar == "\n")
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                pendingSpace = true
                continue
            }
            write(scalar, kind: kind, isSpace: false)
        }
    }

    private mutating func write(_ scalar: Unicode.Scalar, kind: BlockHint.Kind, isSpace: Bool) {
        if count > 0 && pendingNewlines > 0 {
            for _ in 0..<pendingNewlines { output.append(0x0A) }
            count += pendingNewlines
        } else if count > 0 && pendingSpace && preDepth == 0, output.last != 0x0A {
            output.append(0x20)
            count += 1
        }
        pendingNewlines = 0
        pendingSpace = false
        // Leading white space of a `pre` block is text, but not part of the block's span.
        if blockStart == nil && !isSpace {
            blockStart = count
            blockKind = kind
        }
        if scalar.isASCII { output.append(UInt8(truncatingIfNeeded: scalar.value)) } else { UTF8.encode(scalar) { output.append($0) } }
        count += 1
        if !isSpace { blockEnd = count }
    }

    private mutating func paragraphBreak() {
        finishBlock()
        if count > 0 { pendingNewlines = 2 }
        pendingSpace = false
    }

    private mutating func lineBreak() {
        guard count > 0 else { return }
        pendingNewlines = min(2, pendingNewlines + 1)
        pendingSpace = false
        if pendingNewlines == 2 { finishBlock() }
    }

    private mutating func finishBlock() {
        if let start = blockStart, blockEnd > start {
            hints.append(BlockHint(kind: blockKind, span: TextSpan(start: start, end: blockEnd)))
        }
        blockStart = nil
    }
}
