/// Points with `dimension` integer coordinates (quantized utilities, one per party) and
/// `tagWidth` integer tags each (where the point comes from), stored flat, struct-of-arrays.
package struct PointBuffer: Sendable {
    package let dimension: Int
    package let tagWidth: Int
    package var coordinates: [Int64] = []
    package var tags: [Int32] = []

    package init(dimension: Int, tagWidth: Int) {
        self.dimension = dimension
        self.tagWidth = tagWidth
    }

    @inlinable package var count: Int { coordinates.count / dimension }
    package var isEmpty: Bool { coordinates.isEmpty }

    package func coordinate(_ point: Int, _ axis: Int) -> Int64 { coordinates[point * dimension + axis] }
    package func tag(_ point: Int, _ slot: Int) -> Int32 { tags[point * tagWidth + slot] }

    package func point(_ index: Int) -> ArraySlice<Int64> {
        coordinates[(index * dimension)..<((index + 1) * dimension)]
    }

    @inlinable package func tagSlice(_ index: Int) -> ArraySlice<Int32> {
        tags[(index * tagWidth)..<((index + 1) * tagWidth)]
    }

    /// Reserves room for `points` points; a request whose size does not fit in `Int` is skipped
    /// (a reservation is only a hint, and no such buffer fits in memory).
    package mutating func reserve(_ points: Int) {
        let (values, valuesOverflow) = points.multipliedReportingOverflow(by: dimension)
        let (slots, slotsOverflow) = points.multipliedReportingOverflow(by: tagWidth)
        guard !valuesOverflow, !slotsOverflow else { return }
        coordinates.reserveCapacity(values)
        tags.reserveCapacity(slots)
    }

    package mutating func append<C: Collection<Int64>, T: Collection<Int32>>(_ point: C, tags pointTags: T) {
        coordinates.append(contentsOf: point)
        tags.append(contentsOf: pointTags)
    }

    package mutating func append(from other: PointBuffer, _ index: Int) {
        append(other.point(index), tags: other.tagSlice(index))
    }

    /// The points at `indices`, in that order.
    package func selecting(_ indices: [Int]) -> PointBuffer {
        var result = PointBuffer(dimension: dimension, tagWidth: tagWidth)
        result.reserve(indices.count)
        for index in indices { result.append(from: self, index) }
        return result
    }

    /// Largest value of each coordinate (`Int64.min` when empty).
    package var maxima: [Int64] {
        var result = [Int64](repeating: .min, count: dimension)
        for p in 0..<count {
            for axis in 0..<dimension { result[axis] = max(result[axis], coordinates[p * dimension + axis]) }
        }
        return result
    }

    /// Whether point `a` is at least as good as `b` on every coordinate.
    package func covers(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension where coordinates[baseA + axis] < coordinates[baseB + axis] { return false }
        return true
    }

    package func equalPoints(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension where coordinates[baseA + axis] != coordinates[baseB + axis] { return false }
        return true
    }

    /// `true` when point `a` comes before `b` in descending lexicographic order of coordinates.
    package func lexGreater(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension {
            let x = coordinates[baseA + axis], y = coordinates[baseB + axis]
            if x != y { return x > y }
        }
        return false
    }

    /// Debug check: no point covers another (the set is a Pareto frontier without duplicates).
    package func _checkNonDominated() -> Bool {
        for a in 0..<count {
            for b in 0..<count where a != b && covers(a, b) { return false }
        }
        return true
    }
}

extension PointBuffer {
    /// Bytes of `points` points of `dimension` coordinates (8 bytes each) and `tagWidth` tags
    /// (4 bytes each), saturating: an estimate for memory budgets.
    package static func bytes(points: Int, dimension: Int, tagWidth: Int) -> Int {
        points.saturatingMultiplied(by: 8 * dimension + 4 * tagWidth)
    }

    /// Bytes of this buffer's coordinates and tags (by count, not capacity; a merge tree's inner
    /// nodes keep only their tags).
    package var bytes: Int { coordinates.count * 8 + tags.count * 4 }
}
