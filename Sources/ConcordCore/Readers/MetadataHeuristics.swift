import ConcordBase
import ConcordText
import Foundation

/// Citation metadata guessed from a document's text alone, the last source in SPEC's order (after the sidecar
/// and the file's own metadata; the ingest merges them with `CitationMetadata.filling(from:)`).
///
/// - `title`: the document's first block (boilerplate before it skipped) when it is a heading, or a single
///   short line (at most 20 words, not ending like a sentence with `.`, `,`, `;` or `:`). A document that opens
///   with body text (a wrapped paragraph) has no title here, even when a section heading follows later.
/// - `author`: from bylines in the first or last blocks, in this order of trust: "By First Last" (and "Written
///   by …"), "Mr./Ms./Dr. First Last, …, can be contacted at …", "First Last is a fellow/professor/… at …".
/// - Nothing else: the language is not guessed here.
public enum MetadataHeuristics {
    /// How many blocks at each end of a document are searched for bylines.
    static let bylineWindow = 12
    /// The longest single line taken as a title, in words.
    static let titleWordLimit = 20

    /// The title and authors the text states.
    ///
    /// - Parameters:
    ///   - text: the document's extracted text.
    ///   - blocks: its blocks from `Segmenter`; when empty, blocks are taken as runs of non-blank lines.
    public static func metadata(text: String, blocks: [Block] = []) -> CitationMetadata {
        metadata(text: ScalarText(text), blocks: blocks)
    }

    /// The same for a text already read into scalars (the preparer has it: reading it again cost as much as the
    /// heuristics).
    static func metadata(text scalars: ScalarText, blocks: [Block] = []) -> CitationMetadata {
        let blocks = blocks.isEmpty ? paragraphs(of: scalars) : blocks
        return CitationMetadata(title: title(scalars, blocks), author: authors(scalars, blocks))
    }

    // MARK: Title

    private static func title(_ text: ScalarText, _ blocks: [Block]) -> String? {
        guard let first = blocks.first(where: { $0.kind != .boilerplate }) else { return nil }
        let raw = text[first.span].trimmingCharacters(in: .whitespacesAndNewlines)
        switch first.kind {
        case .heading:
            let title = folded(raw.drop(while: { $0 == "#" || $0.isWhitespace }))
            return title.isEmpty ? nil : title
        case .paragraph:
            guard !raw.contains(where: \.isNewline) else { return nil }  // a wrapped paragraph, not a title line
            let words = raw.split(whereSeparator: \.isWhitespace)
            guard !words.isEmpty, words.count <= titleWordLimit, let last = raw.last, !".,;:".contains(last),
                let firstLetter = raw.first(where: { $0.isLetter || $0.isNumber }),
                firstLetter.isUppercase || firstLetter.isNumber,
                !raw.lowercased().hasPrefix("by ")
            else { return nil }
            return folded(raw[...])
        case .boilerplate:
            return nil
        }
    }

    // MARK: Authors

    private static let honorific = #"(?:(?:Mr|Ms|Mrs|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+)?"#
    private static let nameWord = #"(?:\p{Lu}[\p{L}'’\-]+|\p{Lu}\.)"#
    /// Words that may stand between the words of a name ("Jan van Dijk").
    private static let nameParticles = ["van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al"]
    private static var particle: String { #"(?:(?:\#(nameParticles.joined(separator: "|")))\s+)?"# }
    private static var name: String { #"\#(nameWord)(?:\s+\#(particle)\#(nameWord)){1,3}"# }
    private static var names: String { #"\#(name)(?:\s*(?:,|and|&)\s*\#(name))*"# }
    private static let roles = [
        "fellow", "professor", "researcher", "analyst", "director", "editor", "journalist", "writer",
        "correspondent", "scholar", "lecturer", "author", "reporter", "columnist", "associate", "chair", "president",
        "economist", "student", "candidate", "lawyer", "scientist", "historian", "consultant", "adviser", "advisor",
        "officer", "expert", "specialist", "contributor", "founder", "member", "head", "partner",
    ]
    /// First words that make a capitalised phrase a sentence's subject rather than a name.
    private static let notNames: Set<String> = [
        "The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "A", "An", "Our", "His", "Her",
        "Their", "We", "You", "They", "He", "She", "Photo", "Image", "Read", "Share", "Follow", "Copyright",
    ]

    private enum Byline: CaseIterable {
        case by, writtenBy, contact, biography

        var pattern: String {
            switch self {
            case .by: #"^(?i:by)[:\s]+(\#(MetadataHeuristics.names))(?:$|\s*[|,–—\-(]|\s+\d|\s+on\s)"#
            case .writtenBy:
                #"^(?i:written by|words by|text by|reported by|story by)[:\s]+(\#(MetadataHeuristics.names))"#
            case .contact:
                #"^\#(MetadataHeuristics.honorific)(\#(MetadataHeuristics.name))(?:,[^.]{0,200}?)?,?\s+can be (?:contacted|reached)\b"#
            case .biography:
                #"^\#(MetadataHeuristics.honorific)(\#(MetadataHeuristics.name))(?:,\s[^,]{1,80},)?\s+(?:is|was|serves as|works as)\s+(?:a|an|the)\s+(?:[\p{L}\-]+\s+){0,5}?(?i:\#(MetadataHeuristics.roles.joined(separator: "|")))s?\b"#
            }
        }

        /// Whether the block `text` (`lowered`: lowercased, as UTF-8) can match at all: what every match holds,
        /// checked before the pattern, which costs much more.
        func mightMatch(_ text: String, _ lowered: [UInt8]) -> Bool {
            switch self {
            case .by: MetadataHeuristics.starts(lowered, with: "by")
            case .writtenBy: ["written by", "words by", "text by", "reported by", "story by"].contains {
                    MetadataHeuristics.starts(lowered, with: $0)
                }
            case .contact: MetadataHeuristics.contains(lowered, "can be contacted") || MetadataHeuristics.contains(lowered, "can be reached")
            case .biography:
                [" is ", " was ", " serves as ", " works as "].contains { MetadataHeuristics.contains(lowered, $0) }
                    && MetadataHeuristics.opensWithName(text)
            }
        }

        /// The longest block, in words, this kind of byline stands in.
        var wordLimit: Int {
            switch self {
            case .by: 14
            case .writtenBy: 20
            case .contact: 60
            case .biography: 120
            }
        }
    }

    /// The byline patterns, parsed once: parsing a `Regex` costs more than matching it, and this runs per document.
    /// `nonisolated(unsafe)`: `Regex` is not marked `Sendable`, but it is immutable and compiles its matching
    /// program once, atomically, so documents prepared in parallel may share it.
    nonisolated(unsafe) private static let bylines: [(byline: Byline, regex: Regex<AnyRegexOutput>)] = Byline.allCases
        .compactMap { byline in
            (try? Regex(byline.pattern)).map { (byline, $0) }
        }

    private static func authors(_ text: ScalarText, _ blocks: [Block]) -> [PersonName] {
        let longest = Byline.allCases.map(\.wordLimit).max() ?? 0
        let edges = blocks.indices.filter { $0 < bylineWindow || $0 >= blocks.count - bylineWindow }
            .filter { Segmenter.wordCount(text.scalars, in: blocks[$0].span) <= longest }
            .map { index -> (text: String, lowered: [UInt8], words: Int) in
                let block = folded(text.scalars, blocks[index].span)
                var bytes = Array(block.utf8)
                for i in bytes.indices { bytes[i] = bytes[i].asciiLowercased }
                return (block, bytes, bytes.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) })
            }
        for (byline, regex) in bylines {
            for (block, lowered, words) in edges where words <= byline.wordLimit && byline.mightMatch(block, lowered) {
                guard let match = try? regex.firstMatch(in: block), match.output.count > 1,
                    let captured = match.output[1].substring
                else { continue }
                let found = split(String(captured)).compactMap(person)
                if !found.isEmpty { return found }
            }
        }
        return []
    }

    /// The names of "A, B and C".
    private static func split(_ names: String) -> [String] {
        names.replacingOccurrences(of: " & ", with: ", ").replacingOccurrences(of: " and ", with: ", ")
            .components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func person(_ raw: String) -> PersonName? {
        var words = raw.split(separator: " ").map(String.init)
        guard let first = words.first, !notNames.contains(first), words.count >= 2 else { return nil }
        // "DAVID SACKS" in an all-capitals byline reads as "David Sacks".
        if words.allSatisfy({ $0 == $0.uppercased() && $0.count > 2 }) { words = words.map(\.capitalized) }
        return PersonName.readerParsed(from: words.joined(separator: " "))
    }

    // MARK: Text

    /// Runs of non-blank lines, as paragraph blocks trimmed of surrounding white space.
    static func paragraphs(of text: ScalarText) -> [Block] {
        var blocks: [Block] = []
        var start: Int?
        var end = 0
        var lineHasText = false
        var blankLine = false
        for (offset, scalar) in text.scalars.enumerated() {
            if scalar == "\n" {
                if !lineHasText { blankLine = true }
                lineHasText = false
                continue
            }
            if scalar.isWhiteSpace { continue }
            if blankLine, let open = start {
                blocks.append(Block(kind: .paragraph, span: TextSpan(start: open, end: end)))
                start = nil
            }
            blankLine = false
            lineHasText = true
            if start == nil { start = offset }
            end = offset + 1
        }
        if let open = start { blocks.append(Block(kind: .paragraph, span: TextSpan(start: open, end: end))) }
        return blocks
    }

    /// Whether `text` opens as a biography's name does: a first word with a capital, and after it another, or a
    /// particle ("van", "de"). Every match of `name`, after an honorific or not, opens so; most paragraphs do not
    /// (their second word is lowercase), and the pattern costs much more than this.
    static func opensWithName(_ text: String) -> Bool {
        var words = text.split(maxSplits: 2, omittingEmptySubsequences: true, whereSeparator: \.isWhitespace).makeIterator()
        guard let first = words.next(), first.unicodeScalars.first?.properties.isUppercase == true,
            let second = words.next()
        else { return false }
        return second.unicodeScalars.first?.properties.isUppercase == true || nameParticles.contains(String(second))
    }

    static func starts(_ bytes: [UInt8], with prefix: String) -> Bool {
        let prefix = Array(prefix.utf8)
        return bytes.count >= prefix.count && bytes[..<prefix.count].elementsEqual(prefix)
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        bytes.contains(bytes: Array(needle.utf8))
    }

    /// `span` of `scalars` with white space runs folded to one space, ends trimmed.
    private static func folded(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> String {
        var result: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in scalars[max(0, span.start)..<min(span.end, scalars.count)] {
            if scalar.isWhiteSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return ScalarText.string(result[...])
    }

    private static func folded(_ text: Substring) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
