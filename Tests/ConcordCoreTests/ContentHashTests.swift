import ConcordTestSupport
import Crypto
import Foundation
import Testing

@testable import ConcordBase
@testable import ConcordCore

@Suite struct ContentHashTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory("concord-content-hash")
    }

    private func preparer(sizeLimit: Int = 64 << 20) -> DocumentPreparer {
        DocumentPreparer(registry: ReaderRegistry(sizeLimit: sizeLimit))
    }

    private func file(_ url: URL, bytes: Int = 0) -> SourceFile {
        SourceFile(url: url, relativePath: url.lastPathComponent, documentID: url.lastPathComponent, bytes: bytes)
    }

    /// A file of several read chunks hashes as its bytes, then its sidecar's, hashed whole.
    @Test func hashIsTheFileThenItsSidecarHashedWhole() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(200 << 10) + 123).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
        let url = try folder.write("long.txt", Data(bytes))
        #expect(try preparer().contentHash(of: file(url)) == Hex.lowercase(SHA256.hash(data: bytes)))

        let sidecar = Data(#"{"title": "Long"}"#.utf8)
        try sidecar.write(to: Sidecar.url(for: url))
        var whole = Data(bytes)
        whole.append(Data("\u{0}sidecar\u{0}".utf8))
        whole.append(sidecar)
        #expect(try preparer().contentHash(of: file(url)) == Hex.lowercase(SHA256.hash(data: whole)))
    }

    @Test func emptyFileHashesAsNoBytes() throws {
        let url = try folder.write("empty.txt", Data())
        #expect(try preparer().contentHash(of: file(url)) == Hex.lowercase(SHA256.hash(data: Data())))
    }

    /// A text file over the limit is refused by its size, before it is read; a PDF is not held to it.
    @Test func oversizedTextFileIsRefusedButNotAPDF() throws {
        let text = try folder.write("big.txt", String(repeating: "word ", count: 600))
        #expect(throws: ReadError(.tooLarge, "file too large (2.9 KB, limit 2 KB)")) {
            try preparer(sizeLimit: 2048).contentHash(of: file(text))
        }
        let pdf = try folder.write("big.pdf", String(repeating: "%PDF ", count: 600))
        #expect(try preparer(sizeLimit: 2048).contentHash(of: file(pdf)).count == 64)
    }

    @Test func missingFileAndFolderAreReported() throws {
        let missing = folder.url.appendingPathComponent("gone.txt")
        #expect(throws: ReadError(.missing, "no such file")) {
            try preparer().contentHash(of: file(missing, bytes: 10))
        }
        let inner = folder.url.appendingPathComponent("dir.txt")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        #expect(throws: ReadError(.unreadable, "is a directory")) {
            try preparer().contentHash(of: file(inner))
        }
    }
}
