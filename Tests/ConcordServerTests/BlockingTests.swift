import ConcordCore
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix
import Testing

@testable import ConcordServer

/// Index work runs on NIO's blocking pool, never on an event loop, and its failures reach the route unchanged.
@Suite struct BlockingTests {
    @Test func theBodyRunsOnAPoolThreadOffTheEventLoops() async throws {
        let caller = UInt(bitPattern: Int(pthread_self()))
        let (thread, onLoop) = try await blocking {
            (UInt(bitPattern: Int(pthread_self())), MultiThreadedEventLoopGroup.currentEventLoop != nil)
        }
        #expect(thread != caller)
        #expect(!onLoop)
    }

    @Test func aFailureKeepsItsType() async throws {
        await #expect(throws: ConcordError.self) {
            try await blocking { () throws -> Int in throw ConcordError(.notFound, "no passage x.p0") }
        }
    }
}
