import Foundation

extension DateParts {
    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// A date as metadata writes it: `2024`, `2024-05`, `2024-05-30`, `2024/05/30`, ISO 8601 with a time,
    /// PDF's `D:20240530120000Z`, `Thu May 30 12:00:00 2024 UTC` (pdfinfo), `May 30, 2024`, `30 May 2024`.
    /// Nil when the string holds none of these or an impossible month or day.
    static func readerParsed(from raw: String) -> DateParts? {
        var string = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if string.hasPrefix("D:") { string.removeFirst(2) }
        if string.isEmpty { return nil }
        let digitsOnly = string.prefix(while: \.isASCIIDigit)
        // Compact forms: 2024, 202405, 20240530, and PDF dates with a time after them.
        if digitsOnly.count >= 4, digitsOnly.count == string.count || digitsOnly.count >= 8 {
            let digits = Array(digitsOnly)
            func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
            guard let year = number(0..<4) else { return nil }
            let month = digits.count >= 6 ? number(4..<6) : nil
            let day = digits.count >= 8 ? number(6..<8) : nil
            return validated(year: year, month: month, day: day)
        }
        // Separated numeric forms: 2024-05-30, 2024/5/30, 2024-05-30T10:00:00Z, 2024-05.
        if digitsOnly.count == 4, let year = Int(digitsOnly) {
            let rest = string.dropFirst(4)
            if let separator = rest.first, separator == "-" || separator == "/" || separator == "." {
                let fields = rest.dropFirst().split(
                    maxSplits: 2, omittingEmptySubsequences: false, whereSeparator: { !$0.isASCIIDigit })
                let month = fields.first.flatMap { Int($0) }
                let day = fields.count > 1 ? Int(fields[1]) : nil
                return validated(year: year, month: month, day: month == nil ? nil : day)
            }
        }
        // Worded forms: find a month name, a four-digit year and a day number among the words.
        let words = string.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.lowercased() }
        var year: Int?
        var month: Int?
        var day: Int?
        for word in words {
            if let number = Int(word) {
                if word.count == 4, year == nil { year = number } else if word.count <= 2, day == nil { day = number }
            } else if month == nil, word.count >= 3, let index = monthNames.firstIndex(of: String(word.prefix(3))) {
                month = index + 1
            }
        }
        guard let year else { return nil }
        return validated(year: year, month: month, day: month == nil ? nil : day)
    }

    private static func validated(year: Int, month: Int?, day: Int?) -> DateParts? {
        guard (1...9999).contains(year) else { return nil }
        guard let month, month != 0 else { return DateParts(year: year) }
        guard (1...12).contains(month) else { return nil }
        guard let day, day != 0 else { return DateParts(year: year, month: month) }
        guard (1...31).contains(day) else { return nil }
        return DateParts(year: year, month: month, day: day)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
