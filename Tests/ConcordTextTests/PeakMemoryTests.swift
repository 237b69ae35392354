import ConcordBase
import Foundation
import Testing

/// The peak resident size is the kernel's high-water mark for the process, in bytes.
@Suite struct PeakMemoryTests {
    /// `VmHWM` of /proc/self/status, in bytes.
    static func highWaterMark() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kib = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kib * 1024
    }

    @Test func peakIsAtLeastTheHighWaterMarkInBytes() throws {
        let before = try Self.highWaterMark()
        // 32 MiB touched, so the mark is well above what kibibytes read as bytes would give.
        let block = [UInt8](repeating: 1, count: 32 << 20)
        let peak = peakResidentBytes()
        #expect(block.count == 32 << 20)
        #expect(peak >= before)
        #expect(peak >= 32 << 20)
    }
}
