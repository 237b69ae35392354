import ConcordCore
#if canImport(Glibc)
import Glibc
#endif
import NIOPosix
import Testing

@testable import ConcordServer

/// Index work runs on NIO's blocking pool, never on an event loop, and its failures reach the route unchanged;
/// the loops wait for a free core rather than take one from a search.
@Suite struct BlockingTests {
    @Test func theBodyRunsOnAPoolThreadOffTheEventLoops() async throws {
        let caller = UInt(bitPattern: Int(pthread_self()))
        let (thread, onLoop) = try await blocking {
            (UInt(bitPattern: Int(pthread_self())), MultiThreadedEventLoopGroup.currentEventLoop != nil)
        }
        #expect(thread != caller)
        #expect(!onLoop)
    }

    #if os(Linux)
    @Test func theEventLoopsNoLongerPreemptAndThePoolStillDoes() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { group.shutdownGracefully { _ in } }
        letSearchesKeepTheirCores(group)
        for loop in group.makeIterator() {
            // Tasks on a loop run in order, so this one runs after the change.
            #expect(try await loop.submit { sched_getscheduler(0) }.get() == 3)  // SCHED_BATCH
        }
        #expect(try await blocking { sched_getscheduler(0) } == SCHED_OTHER)
    }
    #endif

    @Test func aFailureKeepsItsType() async throws {
        await #expect(throws: ConcordError.self) {
            try await blocking { () throws -> Int in throw ConcordError(.notFound, "no passage x.p0") }
        }
    }
}
