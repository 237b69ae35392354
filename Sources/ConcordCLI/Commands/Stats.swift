import ArgumentParser
import ConcordCore
import Foundation

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Documents, passages, duplicate groups, index size, languages.")

    @OptionGroup var index: IndexOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let stats = try index.service().stats()
        if json {
            print(try OutputJSON.string(stats))
            return
        }
        print("documents  \(stats.documents)")
        print("passages   \(stats.passages)")
        print("groups     \(stats.groups)")
        print("index      \(ByteCountFormatter.string(fromByteCount: Int64(stats.indexBytes), countStyle: .file))")
        let languages = stats.languages.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
        print("languages  \(languages.joined(separator: ", "))")
    }
}
