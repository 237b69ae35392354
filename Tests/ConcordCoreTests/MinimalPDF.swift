import Foundation

/// Writes small valid PDF files by hand (no PDF tool is needed to make them): one Helvetica text object per
/// page, the cross-reference table computed from the real byte offsets.
enum MinimalPDF {
    /// A PDF with one page per entry: its lines of text, or no content stream at all for an empty entry.
    static func make(pages: [[String]], info: [String: String] = [:]) -> Data {
        var bodies: [String] = []
        bodies.append("<< /Type /Catalog /Pages 2 0 R >>")
        bodies.append("")  // the page tree, filled in once the pages have numbers
        bodies.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var pageNumbers: [Int] = []
        for lines in pages {
            let pageNumber = bodies.count + 1
            pageNumbers.append(pageNumber)
            var page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
            if lines.isEmpty {
                bodies.append(page + " >>")
                continue
            }
            page += " /Contents \(pageNumber + 1) 0 R >>"
            bodies.append(page)
            var content = "BT\n/F1 14 Tf\n72 720 Td\n18 TL\n"
            for line in lines { content += "(\(escaped(line))) Tj T*\n" }
            content += "ET"
            bodies.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        }
        bodies[1] =
            "<< /Type /Pages /Kids [\(pageNumbers.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>"
        var infoNumber: Int?
        if !info.isEmpty {
            let entries = info.sorted { $0.key < $1.key }.map { "/\($0.key) (\(escaped($0.value)))" }
            bodies.append("<< \(entries.joined(separator: " ")) >>")
            infoNumber = bodies.count
        }

        var data = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, body) in bodies.enumerated() {
            offsets.append(data.count)
            data.append(Data("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8))
        }
        let xref = data.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        table += "trailer\n<< /Size \(bodies.count + 1) /Root 1 0 R"
        if let infoNumber { table += " /Info \(infoNumber) 0 R" }
        table += " >>\nstartxref\n\(xref)\n%%EOF\n"
        data.append(Data(table.utf8))
        return data
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
            .replacingOccurrences(of: ")", with: "\\)")
    }
}
