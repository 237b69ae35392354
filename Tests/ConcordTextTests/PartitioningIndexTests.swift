import ConcordBase
import ConcordTestSupport
import Testing

/// `partitioningIndex(where:)`, the binary search the span and offset lookups share, against a linear scan.
@Suite struct PartitioningIndexTests {
    @Test func findsTheFirstElementOfTheSecondPartitionAsALinearScanDoes() {
        var numbers = SeededNumbers(seed: 5)
        for length in 0..<40 {
            let sorted = (0..<length).map { _ in numbers.below(20) }.sorted()
            for pivot in -1...21 {
                let expected = sorted.firstIndex { $0 >= pivot } ?? sorted.endIndex
                #expect(sorted.partitioningIndex { $0 >= pivot } == expected, "\(sorted) at \(pivot)")
                #expect(sorted.partitioningIndex { $0 > pivot } == (sorted.firstIndex { $0 > pivot } ?? sorted.endIndex))
            }
        }
    }

    @Test func aSliceAnswersWithItsOwnIndices() {
        let numbers = Array(0..<100)
        let slice = numbers[40..<60]
        #expect(slice.partitioningIndex { $0 >= 50 } == 50)
        #expect(slice.partitioningIndex { $0 >= 0 } == 40)
        #expect(slice.partitioningIndex { $0 >= 99 } == 60)
        #expect(numbers[40..<40].partitioningIndex { _ in true } == 40)
    }
}
