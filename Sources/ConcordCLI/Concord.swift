// concord: the command-line front end. Each command reads its input, builds a core request, calls
// ConcordService (or Ingester), and renders the result; exit codes follow SPEC: 0 found, 1 nothing found,
// 2 any error (argument errors included).
import ArgumentParser
import ConcordCore
import Foundation

@main
struct Concord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concord",
        abstract: "Full-text search and citation index over articles and their republications.",
        discussion: """
            Ingest a folder, then search it, list duplicate passages across sources, and cite quotes with \
            their exact location and original source.

              concord ingest Corpus
              concord search "Taiwan Strait"
              concord cite "where NATO goes, war is most likely" --format chicago
            """,
        version: "0.1.0",
        subcommands: [Ingest.self, Search.self, Dups.self, Cite.self, Show.self, Stats.self]
    )

    /// Outcomes a command reports besides errors.
    enum Outcome: Error {
        /// Ran fine, found nothing: exit 1.
        case nothingFound
    }

    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // Argument errors, --help and --version, as ArgumentParser words them; errors exit 2 (SPEC).
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch Outcome.nothingFound {
            Foundation.exit(1)
        } catch let error as ConcordError {
            fail(error.message)
        } catch let error as CleanExit {
            print(fullMessage(for: error))
            Foundation.exit(0)
        } catch {
            fail("\(error)")
        }
    }

    /// Prints `concord: <message>` on stderr and exits 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("concord: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
