import ArgumentParser
import ConcordCore
import ConcordServer
import Foundation

struct Serve: AsyncParsableCommand, ServerArguments {
    static let configuration = CommandConfiguration(abstract: "Serve search, citations and duplicates over HTTP (read-only).")

    @OptionGroup var indexOptions: IndexOptions

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    var index: String { indexOptions.path }

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
    }

    func run() async throws {
        _ = try ConcordService(indexPath: index)  // a missing index is a clear error before binding
        let app = try await buildApplication(self)
        do {
            try await app.runService()
        } catch {
            throw listeningError(error, host: host, port: port) ?? error
        }
    }
}
