extension RandomAccessCollection {
    /// The index of the first element for which `belongsToSecondPartition` holds, in a collection it partitions
    /// (false for every element before that one, true from it on): a binary search, `endIndex` when it holds for
    /// none. Finding where a span or an offset falls among sorted ones is this search with the right predicate.
    @inlinable
    public func partitioningIndex(where belongsToSecondPartition: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var remaining = count
        while remaining > 0 {
            let half = remaining / 2
            let middle = index(low, offsetBy: half)
            if try belongsToSecondPartition(self[middle]) {
                remaining = half
            } else {
                low = index(after: middle)
                remaining -= half + 1
            }
        }
        return low
    }
}
