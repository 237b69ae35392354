// ConcordServer: the HTTP front end (Hummingbird 2) over ConcordService. It owns routing, query-string parsing,
// content negotiation's status codes, the JSON error shape, the access log, the OpenAPI document and the search
// page; everything it answers comes from ConcordCore (SPEC "HTTP").
import ConcordCore
public import Hummingbird
import Logging
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// What the server needs to start; `concord serve` conforms, tests pass a struct.
public protocol ServerArguments: Sendable {
    /// The interface to bind, `127.0.0.1` unless the user says otherwise.
    var host: String { get }
    /// The TCP port; 0 picks a free one.
    var port: Int { get }
    /// The index folder.
    var index: String { get }
    /// Seconds a search may spend matching before it returns what it found (Xapian's time limit).
    var timeLimit: Double { get }
}

extension ServerArguments {
    /// Five seconds.
    public var timeLimit: Double { 5 }
}

/// Builds the application: opens the index read-only and routes every request through ``buildRouter(service:)``.
/// Run it with `runService()`, which shuts down gracefully on SIGINT and SIGTERM.
///
/// - Throws: `ConcordError.indexMissing` or `.indexUnreadable` when the index cannot be opened.
public func buildApplication(_ arguments: some ServerArguments) async throws -> some ApplicationProtocol {
    let service = try ConcordService(indexPath: arguments.index, timeLimit: arguments.timeLimit)
    var logger = Logger(label: "concord.server")
    logger.logLevel = .info
    let router = buildRouter(service: service, logger: logger)
    letSearchesKeepTheirCores(MultiThreadedEventLoopGroup.singleton)
    return Application(
        router: router,
        configuration: .init(address: .hostname(arguments.host, port: arguments.port), serverName: "concord"),
        logger: logger
    )
}

/// The error for a server that cannot listen at `host`:`port`, said so that the user knows what to change: the
/// port taken or not allowed, the address not this machine's or no known host; nil for any other error.
public func listeningError(_ error: any Error, host: String, port: Int) -> ConcordError? {
    let reason: String
    if let error = error as? IOError {
        switch error.errnoCode {
        case EADDRINUSE: reason = "the port is in use (another concord serve?); pick another with --port"
        case EACCES: reason = "permission denied (ports below 1024 need privileges); pick another with --port"
        case EADDRNOTAVAIL: reason = "the address is not one of this machine's; pick another with --host"
        default: return nil
        }
    } else if error is SocketAddressError.UnknownHost || error is SocketAddressError {
        reason = "no such host; give an address of this machine with --host (127.0.0.1 by default)"
    } else {
        return nil
    }
    return ConcordError(.internal, "cannot listen on \(host):\(port): \(reason)")
}

/// Runs Swift Concurrency's jobs on NIO's event loops from now on, as Hummingbird's benchmarks do: a request's
/// jobs then stay on the thread that read it, where handing them to Swift's own pool and back cost a thread
/// switch each way, and on two cores the pool's threads and the loops' competed for them. Only the index work
/// leaves the loops, for the blocking pool (`blocking`).
///
/// NIO allows this once per process, from the main thread, before Swift Concurrency runs anything: `concord
/// serve` calls it first thing. Returns whether the event loops took over (false when called again or too late).
@discardableResult
public func runConcurrencyOnEventLoops() -> Bool {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}

/// Stops a socket's readiness from taking a core away from a running search: the event loops become Linux's
/// SCHED_BATCH threads, which run as much as before but, when woken, wait for a core to come free (a search
/// ending, or the scheduler's next tick) instead of preempting whoever holds it.
///
/// Under load each loop then wakes a quarter as often and reads, answers and logs for many connections at once,
/// and the blocking pool's searches keep their caches. Measured on two cores with `scripts/bench http`'s index,
/// query mix and wrk load: the loops' context switches per request fell from 1.5 to 0.4, the pool's preemptions
/// from 0.95 to 0.25, the loops' CPU per request by a quarter to a third, and requests per second rose in each
/// of four alternating pairs (by 3 to 23%). When a core is idle, which is whenever the server is not saturated,
/// a woken loop runs at once as before. Elsewhere than Linux, and if the scheduler refuses, nothing changes.
func letSearchesKeepTheirCores(_ group: MultiThreadedEventLoopGroup) {
    #if os(Linux)
    for loop in group.makeIterator() {
        loop.execute {
            var parameters = sched_param()  // SCHED_BATCH takes priority 0
            _ = sched_setscheduler(0, schedBatch, &parameters)  // 0: the calling thread
        }
    }
    #endif
}

#if os(Linux)
/// Linux's SCHED_BATCH (<sched.h> defines it only under _GNU_SOURCE, which Swift's Glibc module leaves out).
private let schedBatch: Int32 = 3
#endif

/// The routes of SPEC "HTTP", each a `GET` (and `HEAD`); any other method on a known path answers 405.
///
/// Middleware order matters: the access log sees the final status, and the error middleware turns every
/// failure, the router's own 404 included, into the JSON error shape.
func buildRouter(service: ConcordService, logger: Logger = Logger(label: "concord.server")) -> Router<
    BasicRequestContext
> {
    let router = Router(options: .autoGenerateHeadEndpoints)
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: APIErrorMiddleware(logger: logger))
    HealthController(service: service).addRoutes(to: router)
    SearchController(service: service).addRoutes(to: router)
    DocumentController(service: service).addRoutes(to: router)
    PassageController(service: service).addRoutes(to: router)
    CitationController(service: service).addRoutes(to: router)
    DuplicateController(service: service).addRoutes(to: router)
    MetaController().addRoutes(to: router)
    return router
}
