// `concord`: runs `concord search` itself, without Foundation, so a search from the shell costs what Xapian's
// own `quest` costs; every other command (and any search argument it does not know, `--help` among them) is
// handed to `concord-cli` beside it, which has the whole command line.
import ConcordBase
import ConcordSearch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `concord search` arguments as the full command line reads them, when they hold nothing else.
struct FastSearch {
    var words: [String] = []
    var limit = 10
    var offset = 0
    var all = false
    var json = false
    var index: String?

    /// nil when anything is left for `concord-cli` to explain (help, an unknown option, a bad number).
    init?(_ arguments: ArraySlice<String>) {
        var rest = arguments
        var onlyWords = false
        while let argument = rest.popFirst() {
            if onlyWords || !argument.hasPrefix("-") || argument == "-" {
                words.append(argument)
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func value() -> String? { inline ?? rest.popFirst() }
            switch name {
            case "--": onlyWords = true
            case "--all" where inline == nil: all = true
            case "--json" where inline == nil: json = true
            case "--limit": guard let number = value().flatMap({ Int($0) }) else { return nil }; limit = number
            case "--offset": guard let number = value().flatMap({ Int($0) }) else { return nil }; offset = number
            case "--index": guard let path = value() else { return nil }; index = path
            default: return nil
            }
        }
        if words.isEmpty { return nil }
    }

    var indexPath: String {
        if let index, !index.isEmpty { return index }
        if let environment = getenv("CONCORD_INDEX"), environment.pointee != 0 { return String(cString: environment) }
        return "Index"
    }

    /// Runs the search and returns the exit status (SPEC: 0 found, 1 nothing found, 2 error).
    func run() -> Int32 {
        let start = ContinuousClock.now
        do {
            let request = try SearchRequest(query: words.joined(separator: " "), limit: limit, offset: offset, foldDuplicates: !all)
            let pool = try ReaderPool(path: indexPath)
            // No time limit: Xapian would start a timer thread for it, and a search from the shell can be stopped.
            let results = try translated { try pool.withReader { try Searcher.search(request, in: $0, timeLimit: 0) } }
            if json {
                let elapsed = ContinuousClock.now - start
                let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                write(try SearchOutput.jsonLines(results, elapsedMilliseconds: milliseconds), to: 1)
            } else {
                write(SearchOutput.text(results, style: TerminalStyle.detect()), to: 1)
                write(SearchOutput.notes(results), to: 2)
            }
            return results.hits.isEmpty ? 1 : 0
        } catch let error as ConcordError {
            write("concord: \(error.message)\n", to: 2)
        } catch {
            write("concord: \(error)\n", to: 2)
        }
        return 2
    }
}

/// Writes all of `text` to file descriptor `descriptor` (1 standard output, 2 standard error).
func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}

/// Replaces this process with `concord-cli` beside this binary, with the same arguments.
func handOver() -> Never {
    var buffer = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    var folder = "."
    if length > 0 {
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let slash = path.lastIndex(of: "/") { folder = String(path[..<slash]) }
    }
    let target = folder + "/concord-cli"
    var arguments: [UnsafeMutablePointer<CChar>?] = [strdup(target)]
    for argument in CommandLine.arguments.dropFirst() { arguments.append(strdup(argument)) }
    arguments.append(nil)
    execv(target, arguments)
    let reason = String(cString: strerror(errno))
    write("concord: cannot run \(target): \(reason); build it with `swift build` (or run scripts/concord)\n", to: 2)
    exit(2)
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "search", let search = FastSearch(arguments.dropFirst()) {
    exit(search.run())
}
handOver()
