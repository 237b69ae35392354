import Synchronization
import Testing

@testable import ConcordCore

/// The cache duplicate detection reads documents through: bounded in bytes, the least recently used dropped
/// first, a few at a time.
@Suite struct SharedCacheTests {
    struct Blob: Weighed {
        var bytes: Int
    }

    @Test func makingRoomDropsTheLeastRecentlyUsedEighth() {
        let cache = SharedCache<Blob>(limit: 160)
        let dropped = Mutex<[String]>([])
        cache.onEviction { id, _ in dropped.withLock { $0.append(id) } }
        for index in 0..<16 { cache.insert("d\(index)", Blob(bytes: 10)) }
        #expect(dropped.withLock { $0 }.isEmpty)
        // Used since: no longer among the oldest.
        _ = cache.value("d0") { nil }
        _ = cache.value("d1") { nil }
        cache.insert("d16", Blob(bytes: 10))
        // 17 held, 170 bytes: the two least recently used go (17 / 8), not the older half.
        #expect(dropped.withLock { $0 }.sorted() == ["d2", "d3"])
        for kept in ["d0", "d1", "d4", "d15", "d16"] { #expect(cache.held(kept) != nil) }
        for gone in ["d2", "d3"] { #expect(cache.held(gone) == nil) }
        // Removing is not dropping to make room.
        cache.remove("d4")
        #expect(dropped.withLock { $0 }.count == 2)
    }

    @Test func aValueLargerThanTheLimitIsStillGivenBack() {
        let cache = SharedCache<Blob>(limit: 10)
        cache.insert("only", Blob(bytes: 50))
        #expect(cache.held("only")?.bytes == 50)
        #expect(cache.value("other") { Blob(bytes: 50) }?.bytes == 50)
        // The newer one stays; the older made room.
        #expect(cache.held("other") != nil)
        #expect(cache.held("only") == nil)
    }
}
