// concord: the command-line front end. Each command reads its input, builds a core request, calls
// ConcordService (or Ingester), and renders the result; exit codes follow SPEC: 0 found, 1 nothing found,
// 2 any error (argument errors included).
import ArgumentParser
import ConcordCore
import ConcordServer
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
        subcommands: [Ingest.self, Search.self, Dups.self, Cite.self, Show.self, Stats.self, Serve.self]
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
            // --help and --version as ArgumentParser words them; argument errors as one line like every other
            // error, with where help is, and exit 2 (SPEC).
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            var line = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            if let help = fullMessage(for: error).split(whereSeparator: \.isNewline).last(where: { $0.contains("--help") }) {
                line += (line.hasSuffix(".") ? " " : ". ") + help.trimmingCharacters(in: .whitespaces)
            }
            fail(line)
        }
        // Still on the main thread, nothing asynchronous run yet: the one moment NIO allows this.
        if command is Serve, Thread.isMainThread { ConcordServer.runConcurrencyOnEventLoops() }
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
            // `--help` on a subcommand and `concord help …` end here: ArgumentParser's help command throws its text.
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            fail("\(error)")
        }
    }

    /// Prints `concord: <message>` on stderr and exits 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("concord: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
