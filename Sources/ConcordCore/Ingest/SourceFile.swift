import Foundation

/// A file the ingest found under one of its roots.
struct SourceFile: Sendable, Hashable {
    /// The file itself.
    var url: URL
    /// Its path relative to the root it was found under (the root's own name for a file given directly).
    var relativePath: String
    /// The stable document id made from `relativePath`.
    var documentID: String
    /// Its size in bytes at discovery.
    var bytes: Int
}

/// Walks the ingest roots: files and folders, following symbolic links without looping, skipping hidden
/// entries, sidecars and extensions no reader handles inside folders (a file named as a root that no reader
/// handles is reported); problems are reported, never fatal.
struct FileWalker {
    var registry: ReaderRegistry

    struct Problem: Sendable {
        var path: String
        var reason: String
    }

    /// The files under `roots`, in a deterministic order (by root, then relative path), and what could not
    /// be walked.
    func files(under roots: [URL]) -> (files: [SourceFile], problems: [Problem]) {
        var files: [SourceFile] = []
        var problems: [Problem] = []
        var usedIDs: [String: String] = [:]
        // A file reached twice (named as a root and inside a folder root) is one document, by its first path.
        var seenPaths = Set<String>()
        for root in roots {
            var visited = Set<String>()
            let rootURL = root.standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: root.path, reason: "no such file or folder"))
                continue
            }
            var found: [(URL, String)] = []
            if isDirectory.boolValue {
                walk(rootURL, relative: "", visited: &visited, into: &found, problems: &problems)
            } else if rootURL.lastPathComponent.hasSuffix(".meta.json") {
                // Named, a file is never passed over in silence.
                problems.append(Problem(path: root.path, reason: "a metadata sidecar: it is read with the file it describes"))
            } else if registry.format(of: rootURL) == nil {
                problems.append(Problem(path: root.path, reason: ReaderRegistry.unsupported(rootURL).reason))
            } else {
                found.append((rootURL, rootURL.lastPathComponent))
            }
            for (url, relative) in found.sorted(by: { $0.1 < $1.1 }) {
                guard registry.format(of: url) != nil, seenPaths.insert(url.path).inserted else { continue }
                var id = DocumentID.slug(relativePath: relative)
                if id.isEmpty { id = "document" }
                // Two paths with one slug ("a b.txt", "a-b.txt") keep distinct ids, deterministically.
                if let owner = usedIDs[id], owner != url.path {
                    var suffix = 2
                    while usedIDs["\(id)-\(suffix)"] != nil { suffix += 1 }
                    id = "\(id)-\(suffix)"
                }
                // A FIFO, socket or device is never read: opening a FIFO would wait for a writer.
                guard let size = Self.regularFileSize(url) else {
                    problems.append(Problem(path: url.path, reason: "not a regular file"))
                    continue
                }
                usedIDs[id] = url.path
                files.append(SourceFile(url: url, relativePath: relative, documentID: id, bytes: size))
            }
        }
        return (files, problems)
    }

    /// The size of the file at `url`, links followed; nil when it is not a regular file. A file that cannot be
    /// looked at is left to reading, which reports why.
    private static func regularFileSize(_ url: URL) -> Int? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
    }

    private func walk(
        _ folder: URL, relative: String, visited: inout Set<String>, into found: inout [(URL, String)],
        problems: inout [Problem]
    ) {
        let real = folder.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            problems.append(Problem(path: folder.path, reason: "symbolic link loop (already walked \(real))"))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            problems.append(Problem(path: folder.path, reason: "cannot list folder: \(FileWalker.reason(error))"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".meta.json") {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                if name.unicodeScalars.contains("\u{FFFD}"), registry.format(of: url) != nil || url.pathExtension.isEmpty {
                    // A name in another encoding than UTF-8 comes with its bytes replaced, so it names no file.
                    problems.append(Problem(path: url.path, reason: "the name is not valid UTF-8; rename it to ingest it"))
                } else if registry.format(of: url) != nil {
                    // A dangling link (or a file gone since the listing).
                    problems.append(Problem(path: url.path, reason: "broken symbolic link or vanished file"))
                }
                continue
            }
            if isDirectory.boolValue {
                walk(url, relative: path, visited: &visited, into: &found, problems: &problems)
            } else {
                found.append((url, path))
            }
        }
        visited.remove(real)
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.underlying as? POSIXError {
            return SystemError.message(underlying.code.rawValue)
        }
        return (error as NSError).localizedDescription
    }
}

extension CocoaError {
    fileprivate var underlying: (any Error)? { userInfo[NSUnderlyingErrorKey] as? any Error }
}
