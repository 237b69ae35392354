import ConcordTestSupport
import Foundation
import Testing

@testable import ConcordCore

@Suite struct TextReaderTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("concord-text-reader")
    }

    private func kind(of file: URL, _ reader: TextReader = TextReader()) -> ReadError.Kind? {
        do {
            _ = try reader.read(file)
            return nil
        } catch let error as ReadError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func plainUTF8IsTheFileItself() throws {
        let text = "Title line\n\nBody with “quotes” and émigré.\r\nSecond line.\n"
        let file = try folder.write("plain.txt", text)
        let document = try TextReader().read(file)
        #expect(document.text == text)
        #expect(document.format == .text)
        #expect(document.hints.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsDropped() throws {
        let file = try folder.write("bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data("Hello, world".utf8))
        let document = try TextReader().read(file)
        #expect(document.text == "Hello, world")
        #expect(document.text.unicodeScalars.first == "H")
    }

    @Test("UTF-16 with a byte-order mark", arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let text = "NATO — Indo-Pacific 台湾 😀\n"
        var data = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
        for unit in text.utf16 {
            data.append(
                contentsOf: bigEndian
                    ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        let file = try folder.write(bigEndian ? "be.txt" : "le.txt", data)
        #expect(try TextReader().read(file).text == text)
    }

    @Test func latin1FallsBackToWindows1252() throws {
        // "Café – naïve" in Windows-1252: é = E9, – = 96, ï = EF.
        let bytes: [UInt8] =
            Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x20] + Array("na".utf8) + [0xEF] + Array("ve\n".utf8)
        let file = try folder.write("latin1.txt", Data(bytes))
        #expect(try TextReader().read(file).text == "Café – naïve\n")
    }

    @Test func invalidUTF8WithControlCharactersIsUndecodable() throws {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 200)
        bytes[10] = 0xE9
        bytes[20] = 0x01
        let file = try folder.write("bad.txt", Data(bytes))
        #expect(kind(of: file) == .undecodable)
    }

    @Test func binaryWithTextExtensionIsRefused() throws {
        let withNul = try folder.write("image.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]))
        #expect(kind(of: withNul) == .binary)
        let controls = Data((0..<100).map { $0 % 3 == 0 ? UInt8(0x02) : UInt8(ascii: "x") })
        let manyControls = try folder.write("controls.txt", controls)
        #expect(kind(of: manyControls) == .binary)
        #expect(throws: ReadError(.binary, "binary file")) { try TextReader().read(withNul) }
    }

    @Test func emptyAndBlankFilesAreRefused() throws {
        let empty = try folder.write("empty.txt", "")
        let blank = try folder.write("blank.txt", " \n\t\r\n  ")
        #expect(throws: ReadError(.empty, "empty file")) { try TextReader().read(empty) }
        #expect(kind(of: blank) == .empty)
        let bomOnly = try folder.write("bom-only.txt", Data([0xEF, 0xBB, 0xBF]))
        #expect(kind(of: bomOnly) == .empty)
    }

    @Test func oversizedFileIsRefusedWithSizes() throws {
        let file = try folder.write("big.txt", String(repeating: "word ", count: 600))
        let reader = TextReader(sizeLimit: 2048)
        #expect(throws: ReadError(.tooLarge, "file too large (2.9 KB, limit 2 KB)")) { try reader.read(file) }
        #expect(ReadError.tooLarge(size: 70 << 20, limit: 64 << 20).reason == "file too large (70 MB, limit 64 MB)")
        #expect(try TextReader(sizeLimit: 3000).read(file).text.count == 3000)
    }

    @Test func missingFileIsReported() throws {
        let file = folder.url.appendingPathComponent("nowhere.txt")
        #expect(throws: ReadError(.missing, "no such file")) { try TextReader().read(file) }
    }

    @Test func folderIsUnreadable() throws {
        let inner = folder.url.appendingPathComponent("dir.txt")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        #expect(throws: ReadError(.unreadable, "is a directory")) { try TextReader().read(inner) }
    }

    @Test func fileWithoutPermissionIsUnreadable() throws {
        let file = try folder.write("secret.txt", "hidden text")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path) }
        // Root reads any file whatever its mode: then there is nothing to check.
        guard !FileManager.default.isReadableFile(atPath: file.path) else { return }
        #expect(throws: ReadError(.unreadable, "permission denied")) { try TextReader().read(file) }
    }
}
