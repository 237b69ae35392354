import ArgumentParser
import ConcordCore
import Foundation

/// `--index PATH`, defaulting to `$CONCORD_INDEX`, then `Index`.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder.", discussion: "Default: $CONCORD_INDEX, else Index.", valueName: "path"))
    var index: String?

    /// The index path, resolved once.
    var path: String {
        if let index, !index.isEmpty { return index }
        if let environment = ProcessInfo.processInfo.environment["CONCORD_INDEX"], !environment.isEmpty {
            return environment
        }
        return "Index"
    }

    /// The service over the index (the index must exist).
    func service() throws -> ConcordService {
        try ConcordService(indexPath: path)
    }
}

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text.")
    var json = false
}

/// Standard output as a `TextOutputStream`.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
    }
}
