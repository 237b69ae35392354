import ConcordBase

/// Finding blocks: lines, runs of non-blank lines, paragraphs within runs, reader hints.
extension Segmenter {
    /// One line of the text, without its line break.
    struct Line {
        /// The line's non-white content; empty for a blank line.
        var content: TextSpan
        /// Spaces and tabs before the content.
        var indent: Int
        /// Whether a form feed (a page break from `pdftotext`) stands on the line.
        var hasFormFeed: Bool
        var isBlank: Bool { content.isEmpty }
    }

    /// A group of lines that becomes one block.
    struct LineGroup {
        var lines: [Int]
        var markdownLevel: Int?
        var furniture = false
        var standsAlone = false
    }

    /// What the text's lines say about its layout.
    struct Layout {
        /// Whether the text is hard-wrapped (paragraphs broken into lines of about the same width).
        var wrapped: Bool
        /// The typical width, in scalars, of a wrapped line.
        var width: Int
        /// Whether the text has page breaks.
        var hasPages: Bool
        /// Content starts of the lines next to a page break: where running headers, footers and page numbers stand.
        var pageEdges: Set<Int>
        /// How often each short line occurs (lowercased, digits dropped, white space folded).
        var recurrence: [String: Int]
        /// Whether a short line occurs twice or more: otherwise no line is furniture by recurring.
        var recurs: Bool
    }

    /// The classified candidates of `text`, in text order.
    func segment(_ text: ScalarText, hints: [BlockHint]) -> [Candidate] {
        let scalars = text.scalars
        let markup = Segmenter.markupSpans(hints)
        // Structural hints, in text order, overlapping ones dropped (the first wins).
        var structural: [BlockHint] = []
        for hint in hints.filter({ $0.kind != .markup }).sorted(by: {
            ($0.span, $0.kind.order) < ($1.span, $1.kind.order)
        }) {
            let span = TextSpan(
                start: max(0, min(hint.span.start, scalars.count)), end: max(0, min(hint.span.end, scalars.count)))
            guard !span.isEmpty else { continue }
            if let last = structural.last, last.span.end > span.start { continue }
            structural.append(BlockHint(kind: hint.kind, span: span))
        }
        var regions: [TextSpan] = []
        var cursor = 0
        for hint in structural {
            if hint.span.start > cursor { regions.append(TextSpan(start: cursor, end: hint.span.start)) }
            cursor = hint.span.end
        }
        if cursor < scalars.count || regions.isEmpty { regions.append(TextSpan(start: cursor, end: scalars.count)) }

        let lines = regions.map { Segmenter.lines(of: scalars, in: $0) }
        let layout = Segmenter.layout(of: lines.flatMap { $0 }, scalars: scalars)

        var candidates: [Candidate] = []
        var hintIndex = 0
        for (regionIndex, region) in regions.enumerated() {
            while hintIndex < structural.count, structural[hintIndex].span.start < region.start {
                if let candidate = hintCandidate(structural[hintIndex], text: text, markup: markup) {
                    candidates.append(candidate)
                }
                hintIndex += 1
            }
            for group in Segmenter.groups(of: lines[regionIndex], layout: layout, scalars: scalars) {
                let regionLines = lines[regionIndex]
                var span = regionLines[group.lines[0]].content
                for index in group.lines.dropFirst() { span = span.union(regionLines[index].content) }
                var candidate = Candidate(
                    span: span, kind: .paragraph,
                    normalized: normalizer.normalize(
                        text, span: span, skipping: Segmenter.spans(of: markup, overlapping: span)))
                candidate.lineCount = group.lines.count
                candidate.standsAlone = group.standsAlone
                candidate.markdownLevel = group.markdownLevel
                candidate.furniture = group.furniture
                candidates.append(candidate)
            }
        }
        while hintIndex < structural.count {
            if let candidate = hintCandidate(structural[hintIndex], text: text, markup: markup) {
                candidates.append(candidate)
            }
            hintIndex += 1
        }
        return classify(candidates, in: text)
    }

    /// The candidate a structural hint stands for, trimmed; `nil` when it holds only white space.
    func hintCandidate(_ hint: BlockHint, text: ScalarText, markup: [TextSpan]) -> Candidate? {
        var start = hint.span.start
        var end = hint.span.end
        while start < end, text.scalars[start].isWhiteSpace { start += 1 }
        while end > start, text.scalars[end - 1].isWhiteSpace { end -= 1 }
        guard start < end else { return nil }
        let span = TextSpan(start: start, end: end)
        var candidate = Candidate(
            span: span, kind: .paragraph,
            normalized: normalizer.normalize(text, span: span, skipping: Segmenter.spans(of: markup, overlapping: span))
        )
        candidate.hinted = hint.kind
        candidate.standsAlone = true
        return candidate
    }

    /// The lines of `region` of `scalars`.
    static func lines(of scalars: [Unicode.Scalar], in region: TextSpan) -> [Line] {
        var lines: [Line] = []
        var lineStart = region.start
        var index = region.start
        while index <= region.end {
            let breakLength = index < region.end ? LineIndex.lineBreakLength(in: scalars, at: index) : 1
            guard breakLength > 0 else {
                index += 1
                continue
            }
            var start = lineStart
            var indent = 0
            var hasFormFeed = false
            while start < index, scalars[start].isWhiteSpace {
                if scalars[start] == "\u{0C}" { hasFormFeed = true }
                if indent == start - lineStart, scalars[start] == " " || scalars[start] == "\t" { indent += 1 }
                start += 1
            }
            var end = index
            while end > start, scalars[end - 1].isWhiteSpace {
                if scalars[end - 1] == "\u{0C}" { hasFormFeed = true }
                end -= 1
            }
            if !hasFormFeed, start < end {
                hasFormFeed = scalars[start..<end].contains("\u{0C}")
            }
            lines.append(Line(content: TextSpan(start: start, end: end), indent: indent, hasFormFeed: hasFormFeed))
            index += min(breakLength, max(1, region.end - index))
            lineStart = index
            if index >= region.end { break }
        }
        return lines
    }

    /// Measures the layout of `lines`.
    static func layout(of lines: [Line], scalars: [Unicode.Scalar]) -> Layout {
        var lengths: [Int] = []
        var wrappedLengths: [Int] = []
        var hasRun = false
        var hasPages = false
        var pageEdges: Set<Int> = []
        var recurrence: [String: Int] = [:]
        var lastNonBlank: Int?
        var pendingHeader = false
        for (index, line) in lines.enumerated() {
            if line.hasFormFeed {
                hasPages = true
                if let previous = lastNonBlank { pageEdges.insert(lines[previous].content.start) }
                pendingHeader = true
            }
            guard !line.isBlank else { continue }
            if pendingHeader {
                pageEdges.insert(line.content.start)
                pendingHeader = false
            }
            lengths.append(line.content.length)
            if index + 1 < lines.count, !lines[index + 1].isBlank {
                wrappedLengths.append(line.content.length)
                hasRun = true
            }
            if isShort(line, scalars: scalars), let key = recurrenceKey(scalars, line.content) {
                recurrence[key, default: 0] += 1
            }
            lastNonBlank = index
        }
        lengths.sort()
        wrappedLengths.sort()
        let p90 = lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
        let width = wrappedLengths.isEmpty ? p90 : wrappedLengths[wrappedLengths.count / 2]
        return Layout(
            wrapped: hasRun && p90 <= 140, width: max(1, width), hasPages: hasPages, pageEdges: pageEdges,
            recurrence: recurrence, recurs: recurrence.values.contains { $0 >= 2 })
    }

    /// Whether `line` is short enough to be a running header or footer, the lines `layout` counts: twelve words
    /// or fewer, and a length bound first, which spares counting the words of every long line.
    static func isShort(_ line: Line, scalars: [Unicode.Scalar]) -> Bool {
        line.content.length <= 160 && wordCount(scalars, in: line.content) <= 12
    }

    /// The line's text lowercased, digits dropped, white space folded; `nil` when no letter is left.
    static func recurrenceKey(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(span.length)
        var hasLetter = false
        var hasNonASCII = false
        var pendingSpace = false
        for scalar in scalars[span.start..<span.end] {
            let value = scalar.value
            if scalar.isWhiteSpace {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if value < 0x80 {
                if (0x30...0x39).contains(value) { continue }
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                if (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) { hasLetter = true }
                // ASCII is lowercased here; anything else by `lowercased()` below.
                bytes.append(UInt8(truncatingIfNeeded: (0x41...0x5A).contains(value) ? value + 0x20 : value))
                continue
            }
            let properties = scalar.properties
            if properties.numericType != nil { continue }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            if properties.isAlphabetic { hasLetter = true }
            hasNonASCII = true
            UTF8.encode(scalar) { bytes.append($0) }
        }
        guard hasLetter else { return nil }
        let key = String(decoding: bytes, as: UTF8.self)
        return hasNonASCII ? key.lowercased() : key
    }

    /// Groups the lines of one region into blocks.
    static func groups(of lines: [Line], layout: Layout, scalars: [Unicode.Scalar]) -> [LineGroup] {
        var groups: [LineGroup] = []
        var index = 0
        while index < lines.count {
            guard !lines[index].isBlank else {
                index += 1
                continue
            }
            var runEnd = index
            while runEnd < lines.count, !lines[runEnd].isBlank { runEnd += 1 }
            let run = Array(index..<runEnd)
            index = runEnd
            var runGroups: [LineGroup] = []
            var current: [Int] = []
            var currentIsCaps = false
            func flush() {
                if !current.isEmpty { runGroups.append(LineGroup(lines: current)) }
                current = []
                currentIsCaps = false
            }
            for lineIndex in run {
                let line = lines[lineIndex]
                if let level = markdownHeadingLevel(scalars, line.content) {
                    flush()
                    runGroups.append(LineGroup(lines: [lineIndex], markdownLevel: level))
                    continue
                }
                if isFurniture(line: line, runLength: run.count, layout: layout, scalars: scalars) {
                    flush()
                    runGroups.append(LineGroup(lines: [lineIndex], furniture: true))
                    continue
                }
                guard layout.wrapped else {
                    flush()
                    current = [lineIndex]
                    continue
                }
                let isCaps = line.content.length * 10 < layout.width * 7 && isCapsHeadingLine(scalars, line.content)
                if let previous = current.last {
                    let previousLine = lines[previous]
                    var breaks = isCaps != currentIsCaps || startsWithBullet(scalars, line.content)
                    if !breaks, endsSentence(scalars, previousLine.content) {
                        let fits =
                            (previousLine.content.length + 1 + firstWordLength(scalars, line.content)) * 10
                            < layout.width * 8
                        breaks = line.indent > previousLine.indent || fits
                    }
                    if breaks { flush() }
                }
                current.append(lineIndex)
                currentIsCaps = isCaps
            }
            flush()
            if runGroups.count == 1 { runGroups[0].standsAlone = true }
            groups.append(contentsOf: runGroups)
        }
        return groups
    }

    /// The level of a Markdown ATX heading line (`# Title`), or `nil`.
    static func markdownHeadingLevel(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Int? {
        var index = span.start
        while index < span.end, scalars[index] == "#" { index += 1 }
        let level = index - span.start
        guard (1...6).contains(level), index < span.end, scalars[index] == " " || scalars[index] == "\t" else {
            return nil
        }
        return level
    }

    /// Whether the line is page furniture: a page number or a running header or footer.
    static func isFurniture(line: Line, runLength: Int, layout: Layout, scalars: [Unicode.Scalar]) -> Bool {
        let atEdge = layout.pageEdges.contains(line.content.start)
        if isPageNumber(scalars, line.content) { return atEdge || runLength == 1 }
        // Only the short lines `layout` counted can recur: a line is not looked at closer when none does.
        guard layout.recurs, isShort(line, scalars: scalars), let key = recurrenceKey(scalars, line.content) else {
            return false
        }
        let count = layout.recurrence[key, default: 0]
        return (layout.hasPages && atEdge && count >= 2) || (layout.hasPages && count >= 3) || count >= 5
    }

    /// Whether the line is only a page number: "12", "- 12 -", "Page 3", "3 of 10", "3/10".
    static func isPageNumber(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard span.length <= 16 else { return false }
        var digits = 0
        var letters = String.UnicodeScalarView()
        for scalar in scalars[span.start..<span.end] {
            if (0x30...0x39).contains(scalar.value) {
                digits += 1
            } else if scalar.properties.isAlphabetic {
                letters.append(scalar)
            } else if !(scalar.isWhiteSpace || "-–—|/.·•()[]".unicodeScalars.contains(scalar)) {
                return false
            }
        }
        let words = String(letters).lowercased()
        return digits > 0 && digits <= 8
            && ["", "page", "pageof", "p", "pof", "of", "seite", "von", "seitevon"].contains(words)
    }

    /// Whether the line is a short ALL-CAPS line (at least three letters, none lowercase, no closing comma,
    /// semicolon or colon): a heading in PDF text.
    static func isCapsHeadingLine(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard !span.isEmpty else { return false }
        var uppercase = 0
        for scalar in scalars[span.start..<span.end] {
            let value = scalar.value
            if value < 0x80 {
                if (0x61...0x7A).contains(value) { return false }
                if (0x41...0x5A).contains(value) { uppercase += 1 }
                continue
            }
            let properties = scalar.properties
            if properties.isLowercase { return false }
            if properties.isUppercase { uppercase += 1 }
        }
        guard wordCount(scalars, in: span) <= 12 else { return false }
        let last = scalars[span.end - 1]
        return uppercase >= 3 && last != "," && last != ";" && last != ":"
    }

    /// Whether the line ends a sentence: `.`, `!`, `?`, `:` or `…`, possibly followed by closing quotes or
    /// brackets.
    static func endsSentence(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        var index = span.end - 1
        while index >= span.start, isCloser(scalars[index]) { index -= 1 }
        guard index >= span.start else { return false }
        switch scalars[index] {
        case ".", "!", "?", ":", "…", "。", "！", "？": return true
        default: return false
        }
    }

    /// Whether the line starts with a list bullet.
    static func startsWithBullet(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Bool {
        guard span.length >= 2 else { return false }
        switch scalars[span.start] {
        case "•", "◦", "▪", "‣", "·":
            return true
        case "-", "*":
            return scalars[span.start + 1] == " "
        default:
            return false
        }
    }

    /// The length of the first white-space separated word of the line.
    static func firstWordLength(_ scalars: [Unicode.Scalar], _ span: TextSpan) -> Int {
        var index = span.start
        while index < span.end, !scalars[index].isWhiteSpace { index += 1 }
        return index - span.start
    }

    /// Closing quotes and brackets that may follow a sentence's final punctuation.
    @inline(__always)
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "”", "’", "»", "›", ")", "]", "}", "」", "』", "）": return true
        default: return false
        }
    }

    /// Opening quotes and brackets that may start a sentence.
    @inline(__always)
    static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "“", "‘", "„", "«", "‹", "(", "[", "「", "『", "（": return true
        default: return false
        }
    }
}
