import ConcordTestSupport
import Foundation
import Testing

@testable import ConcordCore

@Suite(.enabled(if: Subprocess.find("pdftotext") != nil, "needs pdftotext (poppler-utils)"))
struct PDFReaderTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("concord-pdf-reader")
    }

    @Test func extractsTextOfEveryPageAndInfo() throws {
        let pdf = MinimalPDF.make(
            pages: [["Hello PDF world", "NATO turns to the Indo-Pacific"], ["Second page text"]],
            info: ["Title": "A Test Title", "Author": "Jane Doe", "CreationDate": "D:20240530120000Z"])
        let document = try PDFReader().read(try folder.write("memo.pdf", pdf))
        #expect(document.format == .pdf)
        #expect(document.text.contains("Hello PDF world\nNATO turns to the Indo-Pacific\n"))
        #expect(document.text.contains("Second page text"))
        #expect(!document.text.contains("\u{0C}"))
        let first = try #require(document.text.range(of: "Hello"))
        let second = try #require(document.text.range(of: "Second"))
        #expect(document.text[first.upperBound..<second.lowerBound].contains("\n\n"))
        #expect(document.metadata.title == "A Test Title")
        #expect(document.metadata.author == [PersonName(family: "Doe", given: "Jane")])
        #expect(document.metadata.issued == DateParts(year: 2024, month: 5, day: 30))
    }

    @Test func pdfWithoutTextLayerIsReported() throws {
        let file = try folder.write("scan.pdf", MinimalPDF.make(pages: [[]]))
        #expect(throws: ReadError(.noTextLayer, "no text layer (scanned PDF?)")) { try PDFReader().read(file) }
    }

    @Test func corruptPDFReportsPdftotextsError() throws {
        let file = try folder.write("broken.pdf", "%PDF-1.4\nthis is not really a pdf\n")
        let error = try #require(throws: ReadError.self) { try PDFReader().read(file) }
        #expect(error.kind == .toolFailed)
        #expect(error.reason.hasPrefix("pdftotext failed: "))
        #expect(error.reason.contains("Error"))
    }

    @Test func missingToolNamesPoppler() throws {
        let file = try folder.write("memo.pdf", MinimalPDF.make(pages: [["Text"]]))
        let reader = PDFReader(pdftotext: URL(fileURLWithPath: "/nonexistent/pdftotext"))
        let error = try #require(throws: ReadError.self) { try reader.read(file) }
        #expect(error.kind == .toolMissing)
        #expect(error.reason.contains("poppler-utils"))
    }

    @Test func slowToolIsStopped() throws {
        let tool = try folder.write("slow-pdftotext", "#!/bin/sh\nsleep 30\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        let file = try folder.write("memo.pdf", MinimalPDF.make(pages: [["Text"]]))
        let reader = PDFReader(pdftotext: tool, timeout: .milliseconds(300))
        let error = try #require(throws: ReadError.self) { try reader.read(file) }
        #expect(error.kind == .toolFailed)
        #expect(error.reason.contains("timed out"))
    }

    @Test func missingPDFIsReportedBeforeRunningTheTool() throws {
        let reader = PDFReader()
        #expect(throws: ReadError(.missing, "no such file")) {
            try reader.read(folder.url.appendingPathComponent("none.pdf"))
        }
    }

    @Test func pdfinfoTitlesThatAreFileNamesAreDropped() {
        let metadata = PDFReader.metadata(
            fromInfo:
                "Title:           Microsoft Word - memo.docx\nAuthor:          Sacks, David\nCreationDate:    2024-05-30T10:00:00+02\n"
        )
        #expect(metadata.title == nil)
        #expect(metadata.author == [PersonName(family: "Sacks", given: "David")])
        #expect(metadata.issued == DateParts(year: 2024, month: 5, day: 30))
    }
}
