import Hummingbird
import NIOCore
import NIOPosix

extension Router {
    /// Adds a `GET` route (and `HEAD`) whose handler reads the index: it runs on NIO's blocking pool
    /// (``blocking(_:)``), not on the event loop that read the request.
    @discardableResult
    func getBlocking<Output: ResponseGenerator & Sendable>(
        _ path: RouterPath, use handler: @escaping @Sendable (Request, Context) throws -> Output
    ) -> Self {
        get(path) { request, context in try await blocking { try handler(request, context) } }
    }
}

/// Runs `body` on NIO's blocking pool (a thread per core, one queue in order of arrival) and resumes on the
/// event loop that called it.
///
/// Xapian's calls block on disk reads and take a millisecond or more. Run on the event loops, each loop served
/// the requests it happened to hold in its own order, and under load some connections waited seconds while
/// others were served again and again. From the pool every request waits its turn behind the ones that came
/// before it, and the loops stay free to read and write sockets.
func blocking<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? NIOSingletons.posixEventLoopGroup.next()
    return try await NIOThreadPool.singleton.runIfActive(eventLoop: loop, body).get()
}
