import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file's bytes with the errors readers report: missing, unreadable, not a regular file, too
/// large (checked before reading, and again while reading, so a growing file cannot run past the limit).
enum FileInput {
    /// The default size limit of text readers: 64 MiB.
    static let defaultSizeLimit = 64 << 20

    /// Checks that `file` exists, is a regular file and is at most `limit` bytes, without reading it.
    static func check(_ file: URL, limit: Int) throws(ReadError) {
        let descriptor = try open(file)
        defer { _ = close(descriptor) }
        _ = try size(of: descriptor, limit: limit)
    }

    /// The bytes of `file`, at most `limit` of them.
    static func read(_ file: URL, limit: Int) throws(ReadError) -> [UInt8] {
        var bytes = [UInt8]()
        try forEachChunk(of: file, limit: limit, sized: { bytes.reserveCapacity($0) }) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands `file`'s bytes to `body` a chunk at a time, through one reused 64 KB buffer, after the checks above
    /// (`sized` is told the size they found): for hashing a file without holding it. A file over `limit` is refused
    /// by its size before a byte is read, and again if it grows past it while read.
    static func forEachChunk(
        of file: URL, limit: Int, sized: (Int) -> Void = { _ in }, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(ReadError) {
        let descriptor = try open(file)
        defer { _ = close(descriptor) }
        sized(try size(of: descriptor, limit: limit))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let count = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(.unreadable, SystemError.message(errno))
            }
            if count == 0 { break }
            total += count
            if total > limit { throw ReadError.tooLarge(size: total, limit: limit) }
            body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private static func open(_ file: URL) throws(ReadError) -> Int32 {
        let descriptor = file.withUnsafeFileSystemRepresentation { path -> Int32 in
            guard let path else { return -1 }
            // Not blocking: a FIFO opens at once (and is then refused as not a regular file) instead of waiting
            // for a writer; reading a regular file is the same.
            return systemOpen(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        }
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw ReadError(.missing, "no such file") }
            throw ReadError(.unreadable, SystemError.message(code))
        }
        return descriptor
    }

    private static func size(of descriptor: Int32, limit: Int) throws(ReadError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(.unreadable, SystemError.message(errno)) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { throw ReadError(.unreadable, "is a directory") }
        guard type == S_IFREG else { throw ReadError(.unreadable, "not a regular file") }
        let size = Int(info.st_size)
        if size > limit { throw ReadError.tooLarge(size: size, limit: limit) }
        return size
    }
}

// The module-level `read`/`open` are shadowed by our own methods; name the C ones once.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
    open(path, flags)
}
