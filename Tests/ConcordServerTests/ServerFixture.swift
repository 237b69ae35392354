import ConcordCore
import ConcordTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import ConcordServer

/// A real index of a copy of `Corpus/`, built once for every suite of this target.
final class IndexFixture: Sendable {
    let directory: TemporaryDirectory
    let service: ConcordService
    let indexPath: String

    private init(directory: TemporaryDirectory, service: ConcordService, indexPath: String) {
        self.directory = directory
        self.service = service
        self.indexPath = indexPath
    }

    /// The example corpus, ingested once.
    static let corpus = Task { try await IndexFixture.build(label: "concord-server-test") }

    /// The example corpus plus `extra` documents (name → text), in an index of their own.
    static func build(label: String, extra: [String: String] = [:]) async throws -> IndexFixture {
        let directory = try TemporaryDirectory(label)
        let corpus = directory.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ExampleCorpus.fileNames {
            for file in [name, name + ".meta.json"] {
                let source = Repository.corpus.appendingPathComponent(file)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: corpus.appendingPathComponent(file))
                }
            }
        }
        for (name, text) in extra { try directory.write("corpus/" + name, text) }
        let indexPath = directory.path("index")
        let summary = try await Ingester(indexPath: indexPath, options: IngestOptions(roots: [corpus.path])).run { _ in
        }
        guard summary.failed == 0 else {
            throw ConcordError(.ingestFailed, "the test corpus did not ingest: \(summary.line)")
        }
        return IndexFixture(
            directory: directory, service: try ConcordService(indexPath: indexPath), indexPath: indexPath)
    }

    /// Sends one request through the router (no socket).
    func request(
        _ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], logger: Logger = .quiet
    ) async throws -> TestResponse {
        let app = Application(router: buildRouter(service: service, logger: logger))
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: method, headers: headers)
        }
    }
}

extension Logger {
    /// A logger that prints only errors, for tests that do not look at the access log.
    static var quiet: Logger {
        var logger = Logger(label: "concord.server.test")
        logger.logLevel = .error
        return logger
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var data: Data { Data(body.readableBytesView) }

    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// The `error` object of a JSON error body.
    func errorBody() throws -> ErrorBody.Detail {
        #expect(headers[.contentType] == "application/json")
        return try decoded(ErrorBody.self).error
    }
}

/// A log handler that keeps every message, to check the access log.
final class RecordingLogHandler: LogHandler, Sendable {
    private let messages: Mutex<[String]> = Mutex([])

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        messages.withLock { $0.append(event.message.description) }
    }

    var recorded: [String] { messages.withLock { $0 } }
}
