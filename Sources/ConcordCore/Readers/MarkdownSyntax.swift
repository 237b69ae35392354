import ConcordBase
import ConcordText

/// Finds the syntax of a Markdown text, in scalar offsets: markup to keep out of the index and headings.
///
/// A line-based scanner after CommonMark's main rules, not a full parser: front matter, fenced code (fences
/// are markup, code is text), ATX and setext headings, thematic breaks, blockquote and list markers, link
/// reference definitions; inside lines code spans, backslash escapes, emphasis and strikethrough delimiters
/// (paired by CommonMark's flanking rules), links, images and inline HTML tags.
struct MarkdownSyntax {
    private let scalars: [Unicode.Scalar]
    /// Markup and heading hints, in text order.
    private(set) var hints: [BlockHint] = []
    /// The YAML between the front matter's fences, when the text opens with them.
    private(set) var frontMatter: String?

    private struct Line {
        var start: Int
        /// End of the line's content, before its line break.
        var end: Int
    }

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var lines = Self.lines(of: scalars)
        var index = 0
        if let fmEnd = scanFrontMatter(lines) { index = fmEnd }
        var fence: (character: Unicode.Scalar, length: Int)?
        var previousParagraph: TextSpan?
        while index < lines.count {
            let line = lines[index]
            index += 1
            let indent = leadingSpaces(line)
            let contentStart = line.start + indent
            if let open = fence {
                if indent <= 3, runLength(at: contentStart, of: open.character, end: line.end) >= open.length,
                    isBlank(contentStart + runLength(at: contentStart, of: open.character, end: line.end), line.end)
                {
                    markup(contentStart, trimmedEnd(line))
                    fence = nil
                }
                continue
            }
            if isBlank(line.start, line.end) {
                previousParagraph = nil
                continue
            }
            if indent >= 4 && previousParagraph == nil { continue }  // indented code: text as it stands
            // Fenced code opens.
            if indent <= 3, let first = scalar(contentStart), first == "`" || first == "~" {
                let length = runLength(at: contentStart, of: first, end: line.end)
                if length >= 3 {
                    markup(contentStart, trimmedEnd(line))
                    fence = (first, length)
                    previousParagraph = nil
                    continue
                }
            }
            // Setext underline under a paragraph line.
            if let paragraph = previousParagraph, indent <= 3, let first = scalar(contentStart),
                first == "=" || first == "-",
                contentStart + runLength(at: contentStart, of: first, end: line.end) == trimmedEnd(line)
            {
                markup(contentStart, trimmedEnd(line))
                hints.append(BlockHint(kind: .heading(level: first == "=" ? 1 : 2), span: paragraph))
                previousParagraph = nil
                continue
            }
            if indent <= 3, isThematicBreak(contentStart, line.end) {
                markup(contentStart, trimmedEnd(line))
                previousParagraph = nil
                continue
            }
            if indent <= 3, isReferenceDefinition(contentStart, line.end) {
                markup(contentStart, trimmedEnd(line))
                previousParagraph = nil
                continue
            }
            // Container markers: blockquote `>`s, then one list marker.
            var position = contentStart
            var isListItem = false
            var isQuote = false
            while true {
                let spaces = countSpaces(from: position, end: line.end)
                guard spaces <= 3, scalar(position + spaces) == ">" else { break }
                markup(position + spaces, position + spaces + 1)
                position += spaces + 1
                isQuote = true
            }
            position += countSpaces(from: position, end: line.end)
            if let markerEnd = listMarkerEnd(at: position, end: line.end) {
                markup(position, markerEnd)
                position = markerEnd + countSpaces(from: markerEnd, end: line.end)
                isListItem = true
            }
            // ATX heading.
            let hashes = runLength(at: position, of: "#", end: line.end)
            if (1...6).contains(hashes), position + hashes == line.end || isSpace(scalar(position + hashes)) {
                markup(position, position + hashes)
                var contentEnd = trimmedEnd(line)
                // An optional closing run of #s, preceded by a space.
                var closing = contentEnd
                while closing > position + hashes, scalar(closing - 1) == "#" { closing -= 1 }
                if closing < contentEnd, closing > position + hashes, isSpace(scalar(closing - 1)) {
                    markup(closing, contentEnd)
                    contentEnd = closing
                    while contentEnd > position + hashes, isSpace(scalar(contentEnd - 1)) { contentEnd -= 1 }
                }
                let headingStart = position + hashes + countSpaces(from: position + hashes, end: contentEnd)
                if headingStart < contentEnd {
                    hints.append(
                        BlockHint(kind: .heading(level: hashes), span: TextSpan(start: headingStart, end: contentEnd)))
                    scanInline(headingStart, contentEnd)
                }
                previousParagraph = nil
                continue
            }
            let end = trimmedEnd(line)
            scanInline(position, end)
            previousParagraph = isListItem || isQuote || position >= end ? nil : TextSpan(start: position, end: end)
        }
        lines.removeAll()
        hints.sort { ($0.span.start, $0.span.end) < ($1.span.start, $1.span.end) }
    }

    // MARK: Lines

    private static func lines(of scalars: [Unicode.Scalar]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(Line(start: start, end: index))
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < scalars.count { lines.append(Line(start: start, end: scalars.count)) }
        return lines
    }

    /// Records the front matter when the first line is `---`; returns the index of the line after it.
    private mutating func scanFrontMatter(_ lines: [Line]) -> Int? {
        guard let first = lines.first, text(first.start, trimmedEnd(first)) == "---" else { return nil }
        for (number, line) in lines.enumerated().dropFirst() {
            let content = text(line.start, trimmedEnd(line))
            if content == "---" || content == "..." {
                frontMatter = number > 1 ? text(lines[1].start, lines[number - 1].end) : ""
                markup(first.start, trimmedEnd(line))
                return number + 1
            }
        }
        return nil
    }

    // MARK: Inline syntax

    private struct Delimiter {
        var character: Unicode.Scalar
        var start: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private mutating func scanInline(_ start: Int, _ end: Int) {
        var delimiters: [Delimiter] = []
        var brackets: [(start: Int, length: Int)] = []
        var index = start
        while index < end {
            let current = scalars[index]
            switch current {
            case "`":
                let length = runLength(at: index, of: "`", end: end)
                if let close = closingBackticks(length: length, from: index + length, end: end) {
                    markup(index, index + length)
                    markup(close, close + length)
                    index = close + length
                } else {
                    index += length
                }
            case "\\":
                if index + 1 < end, scalars[index + 1].isASCII,
                    scalars[index + 1].properties.generalCategory.isPunctuationOrSymbol
                {
                    markup(index, index + 1)
                    index += 2
                } else {
                    index += 1
                }
            case "!" where scalar(index + 1) == "[":
                brackets.append((index, 2))
                index += 2
            case "[":
                brackets.append((index, 1))
                index += 1
            case "]":
                guard let opener = brackets.popLast() else {
                    index += 1
                    continue
                }
                if scalar(index + 1) == "(", let close = closingParenthesis(from: index + 2, end: end) {
                    markup(opener.start, opener.start + opener.length)
                    markup(index, close + 1)
                    index = close + 1
                } else if scalar(index + 1) == "[", let close = firstIndex(of: "]", from: index + 2, end: end) {
                    markup(opener.start, opener.start + opener.length)
                    markup(index, close + 1)
                    index = close + 1
                } else {
                    index += 1
                }
            case "*", "_", "~":
                let length = runLength(at: index, of: current, end: end)
                let before = index > start ? scalars[index - 1] : " "
                let after = index + length < end ? scalars[index + length] : " "
                let left =
                    !after.isWhiteSpace && (!isPunctuation(after) || before.isWhiteSpace || isPunctuation(before))
                let right =
                    !before.isWhiteSpace && (!isPunctuation(before) || after.isWhiteSpace || isPunctuation(after))
                var canOpen = left
                var canClose = right
                if current == "_" {
                    canOpen = left && (!right || isPunctuation(before))
                    canClose = right && (!left || isPunctuation(after))
                }
                if current == "~" && length != 2 && length != 1 {
                    canOpen = false
                    canClose = false
                }
                delimiters.append(
                    Delimiter(character: current, start: index, length: length, canOpen: canOpen, canClose: canClose))
                index += length
            case "<":
                if let close = inlineTagEnd(from: index, end: end) {
                    if isAutolink(index + 1, close) {
                        markup(index, index + 1)
                        markup(close, close + 1)
                    } else {
                        markup(index, close + 1)
                    }
                    index = close + 1
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        pairDelimiters(delimiters)
    }

    /// Pairs emphasis delimiters as CommonMark's "process emphasis" does, simplified: a closer takes the
    /// nearest opener of the same character; both give up as many markers as the shorter run has.
    private mutating func pairDelimiters(_ delimiters: [Delimiter]) {
        var openers: [Delimiter] = []
        for delimiter in delimiters {
            if delimiter.canClose, let match = openers.lastIndex(where: { $0.character == delimiter.character }) {
                let opener = openers[match]
                let count = min(opener.length, delimiter.length)
                if delimiter.character != "~" || opener.length == delimiter.length {
                    markup(opener.start + opener.length - count, opener.start + opener.length)
                    markup(delimiter.start, delimiter.start + count)
                }
                openers.removeSubrange(match...)
                continue
            }
            if delimiter.canOpen { openers.append(delimiter) }
        }
    }

    private func closingBackticks(length: Int, from start: Int, end: Int) -> Int? {
        var index = start
        while index < end {
            if scalars[index] == "`" {
                let run = runLength(at: index, of: "`", end: end)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private func closingParenthesis(from start: Int, end: Int) -> Int? {
        var depth = 0
        var index = start
        while index < end {
            switch scalars[index] {
            case "(": depth += 1
            case ")":
                if depth == 0 { return index }
                depth -= 1
            case "\\": index += 1
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The `>` ending an inline HTML tag, comment or autolink that opens at `start`.
    private func inlineTagEnd(from start: Int, end: Int) -> Int? {
        guard let next = scalar(start + 1), next.properties.isAlphabetic || next == "/" || next == "!" else {
            return nil
        }
        guard let close = firstIndex(of: ">", from: start + 1, end: end) else { return nil }
        if next == "/" { guard let letter = scalar(start + 2), letter.properties.isAlphabetic else { return nil } }
        return close
    }

    private func isAutolink(_ start: Int, _ end: Int) -> Bool {
        let body = text(start, end)
        return !body.contains(" ") && (body.contains("://") || body.hasPrefix("mailto:") || body.contains("@"))
    }

    // MARK: Block syntax

    private func isThematicBreak(_ start: Int, _ end: Int) -> Bool {
        guard let first = scalar(start), first == "-" || first == "*" || first == "_" else { return false }
        var count = 0
        for index in start..<end {
            if scalars[index] == first { count += 1 } else if !isSpace(scalars[index]) { return false }
        }
        return count >= 3
    }

    private func isReferenceDefinition(_ start: Int, _ end: Int) -> Bool {
        guard scalar(start) == "[", let close = firstIndex(of: "]", from: start + 1, end: end), close > start + 1,
            scalar(close + 1) == ":"
        else { return false }
        return !isBlank(close + 2, end)
    }

    /// The end of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `start`, when one is there and followed by a space.
    private func listMarkerEnd(at start: Int, end: Int) -> Int? {
        guard let first = scalar(start), start < end else { return nil }
        var markerEnd: Int
        if first == "-" || first == "*" || first == "+" {
            markerEnd = start + 1
        } else {
            var index = start
            while index < end, index - start < 9, let digit = scalar(index), ("0"..."9").contains(digit) { index += 1 }
            guard index > start, let closer = scalar(index), closer == "." || closer == ")" else { return nil }
            markerEnd = index + 1
        }
        guard markerEnd < end, isSpace(scalar(markerEnd)) else { return nil }
        return markerEnd
    }

    // MARK: Scalars

    private mutating func markup(_ start: Int, _ end: Int) {
        guard end > start else { return }
        hints.append(BlockHint(kind: .markup, span: TextSpan(start: start, end: end)))
    }

    private func scalar(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    private func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        if end > start { view.append(contentsOf: scalars[start..<end]) }
        return String(view)
    }

    private func runLength(at start: Int, of character: Unicode.Scalar, end: Int) -> Int {
        var index = start
        while index < end, scalars[index] == character { index += 1 }
        return index - start
    }

    private func firstIndex(of character: Unicode.Scalar, from start: Int, end: Int) -> Int? {
        var index = start
        while index < end {
            if scalars[index] == character { return index }
            index += 1
        }
        return nil
    }

    private func leadingSpaces(_ line: Line) -> Int {
        countSpaces(from: line.start, end: line.end)
    }

    private func countSpaces(from start: Int, end: Int) -> Int {
        var index = start
        while index < end, isSpace(scalars[index]) { index += 1 }
        return index - start
    }

    private func trimmedEnd(_ line: Line) -> Int {
        var end = line.end
        while end > line.start, scalars[end - 1].isWhiteSpace { end -= 1 }
        return end
    }

    private func isBlank(_ start: Int, _ end: Int) -> Bool {
        start >= end || scalars[start..<end].allSatisfy(\.isWhiteSpace)
    }

    private func isSpace(_ scalar: Unicode.Scalar?) -> Bool { scalar == " " || scalar == "\t" }

    private func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory.isPunctuationOrSymbol
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
