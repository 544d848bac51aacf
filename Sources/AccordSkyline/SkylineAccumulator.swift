/// Keeps the Pareto-optimal points of a stream without storing the stream: each offered point is
/// tested against the points kept so far (two coordinates: a sorted staircase, O(log F); more: a
/// few strong points, then a block sort-filter-skyline pass every `blockSize` survivors).
package struct SkylineAccumulator: Sendable {
    // Read by the inlinable hot path (`offer`), which the enumerator calls once per package from
    // another module.
    @usableFromInline var kept: PointBuffer
    @usableFromInline var pending: PointBuffer
    private let blockSize: Int
    @usableFromInline let prefer: TiePreference
    /// How many kept points the n-dimensional prefilter tests first.
    private let prefilterCount = 16

    package init(dimension: Int, tagWidth: Int, blockSize: Int = 1 << 15, prefer: @escaping TiePreference) {
        kept = PointBuffer(dimension: dimension, tagWidth: tagWidth)
        pending = PointBuffer(dimension: dimension, tagWidth: tagWidth)
        self.blockSize = blockSize
        self.prefer = prefer
    }

    /// Points held: those kept and those waiting for the next block filter.
    @inlinable package var count: Int { kept.count + pending.count }

    /// Offers a point; it is kept unless a kept point covers it (ties go to `prefer`).
    @inlinable
    package mutating func offer(_ point: UnsafeBufferPointer<Int64>, tags: UnsafeBufferPointer<Int32>) {
        if kept.dimension == 2 {
            offer2D(point, tags: tags)
        } else {
            offerND(point, tags: tags)
        }
    }

    @usableFromInline
    mutating func offerND(_ point: UnsafeBufferPointer<Int64>, tags: UnsafeBufferPointer<Int32>) {
        let dimension = kept.dimension
        let limit = min(prefilterCount, kept.count)
        var p = 0
        while p < limit {
            var covers = true
            var equal = true
            let base = p * dimension
            for axis in 0..<dimension {
                let k = kept.coordinates[base + axis]
                if k < point[axis] { covers = false; break }
                if k != point[axis] { equal = false }
            }
            if covers && !equal { return }
            p += 1
        }
        pending.append(point, tags: tags)
        if pending.count >= blockSize { flush() }
    }

    /// The kept points, sorted by coordinates lexicographically descending.
    package mutating func finish() -> PointBuffer {
        flush()
        guard kept.dimension != 2 else { return kept }
        return kept.selecting((0..<kept.count).sorted { kept.lexGreater($0, $1) })
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        var union = kept
        union.coordinates.append(contentsOf: pending.coordinates)
        union.tags.append(contentsOf: pending.tags)
        pending.coordinates.removeAll(keepingCapacity: true)
        pending.tags.removeAll(keepingCapacity: true)
        kept = Skyline.filter(union, prefer: prefer)
        // Two coordinates: the filter's order (x descending) is the staircase. More: strongest
        // points first, so that the prefilter rejects most of the stream.
        guard kept.dimension != 2 else { return }
        let sums = (0..<kept.count).map { p in kept.point(p).reduce(0, &+) }
        kept = kept.selecting((0..<kept.count).sorted { sums[$0] > sums[$1] })
    }

    /// Two coordinates: `kept` is a staircase, x descending and y ascending. A point the
    /// staircase covers is dropped (or, equal to a kept point and preferred, takes its tags);
    /// any other waits in `pending` until the next block filter merges it, so that a stream of
    /// new frontier points costs O(log F) each plus O((F + B) log(F + B)) per block of B, not a
    /// shift of the staircase per point.
    @inlinable
    mutating func offer2D(_ point: UnsafeBufferPointer<Int64>, tags: UnsafeBufferPointer<Int32>) {
        let x = point[0], y = point[1]
        // First kept index whose x is < x (all before it have x' ≥ x).
        var low = 0, high = kept.count
        while low < high {
            let mid = (low + high) / 2
            if kept.coordinates[2 * mid] >= x { low = mid + 1 } else { high = mid }
        }
        if low > 0 {
            let previous = low - 1  // smallest x' ≥ x, hence the largest y' among those
            let px = kept.coordinates[2 * previous], py = kept.coordinates[2 * previous + 1]
            if py >= y {
                if px == x && py == y, prefer(ArraySlice(tags), kept.tagSlice(previous)) {
                    let width = kept.tagWidth
                    for slot in 0..<width { kept.tags[previous * width + slot] = tags[slot] }
                }
                return
            }
        }
        pending.append(point, tags: tags)
        if pending.count >= blockSize { flush2D() }
    }

    @usableFromInline
    mutating func flush2D() { flush() }
}
