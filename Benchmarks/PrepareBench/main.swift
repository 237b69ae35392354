// Times each step of preparing documents for the index, single-threaded, over the files of a folder
// (`concord-prepare-bench FOLDER`): reading and extraction, segmentation, metadata heuristics, language
// guess, duplicate-detection words. For finding where ingest time goes; prints seconds per step.
import ConcordCore
import ConcordText
import Foundation

guard CommandLine.arguments.count == 2 else {
    print("usage: concord-prepare-bench FOLDER")
    exit(2)
}
let root = URL(fileURLWithPath: CommandLine.arguments[1])
var files: [URL] = []
for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) ?? .init()
where ["html", "htm", "txt", "md"].contains(url.pathExtension) {
    files.append(url)
}
files.sort { $0.path < $1.path }

struct Steps {
    private(set) var seconds: [String: Double] = [:]

    mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            seconds[name, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        return try body()
    }
}

var steps = Steps()
let registry = ReaderRegistry(sizeLimit: 64 << 20)
let segmenter = Segmenter()
let tokenizer = WordTokenizer()
var bytes = 0
for url in files {
    guard let document = try? steps.time("read", { try registry.read(url) }) else { continue }
    bytes += document.text.utf8.count
    let text = steps.time("scalars") { ScalarText(document.text) }
    let (blocks, drafts) = steps.time("segment") { segmenter.segmentation(of: text, hints: document.hints) }
    _ = steps.time("lines") { LineIndex(text) }
    _ = steps.time("heuristics") { MetadataHeuristics.metadata(text: document.text, blocks: blocks) }
    _ = steps.time("language") { LanguageGuess.detect(document.text) }
    _ = steps.time("words") { tokenizer.words(in: text, skipping: blocks.filter { $0.kind == .boilerplate }.map(\.span)) }
    _ = steps.time("passage texts") { drafts.map { text[$0.span] } }
}
print("\(files.count) files, \(bytes / 1_000_000) MB of extracted text")
for (name, seconds) in steps.seconds.sorted(by: { $0.key < $1.key }) {
    print(name.padding(toLength: 14, withPad: " ", startingAt: 0), String(format: "%.3f s", seconds))
}
