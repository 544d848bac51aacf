/// Points with `dimension` integer coordinates (quantized utilities, one per party) and
/// `tagWidth` integer tags each (where the point comes from), stored flat, struct-of-arrays.
struct PointBuffer: Sendable {
    let dimension: Int
    let tagWidth: Int
    var coordinates: [Int64] = []
    var tags: [Int32] = []

    init(dimension: Int, tagWidth: Int) {
        self.dimension = dimension
        self.tagWidth = tagWidth
    }

    var count: Int { coordinates.count / dimension }
    var isEmpty: Bool { coordinates.isEmpty }

    func coordinate(_ point: Int, _ axis: Int) -> Int64 { coordinates[point * dimension + axis] }
    func tag(_ point: Int, _ slot: Int) -> Int32 { tags[point * tagWidth + slot] }

    func point(_ index: Int) -> ArraySlice<Int64> {
        coordinates[(index * dimension)..<((index + 1) * dimension)]
    }

    func tagSlice(_ index: Int) -> ArraySlice<Int32> {
        tags[(index * tagWidth)..<((index + 1) * tagWidth)]
    }

    mutating func reserve(_ points: Int) {
        coordinates.reserveCapacity(points * dimension)
        tags.reserveCapacity(points * tagWidth)
    }

    mutating func append<C: Collection<Int64>, T: Collection<Int32>>(_ point: C, tags pointTags: T) {
        coordinates.append(contentsOf: point)
        tags.append(contentsOf: pointTags)
    }

    mutating func append(from other: PointBuffer, _ index: Int) {
        append(other.point(index), tags: other.tagSlice(index))
    }

    /// The points at `indices`, in that order.
    func selecting(_ indices: [Int]) -> PointBuffer {
        var result = PointBuffer(dimension: dimension, tagWidth: tagWidth)
        result.reserve(indices.count)
        for index in indices { result.append(from: self, index) }
        return result
    }

    /// Largest value of each coordinate (`Int64.min` when empty).
    var maxima: [Int64] {
        var result = [Int64](repeating: .min, count: dimension)
        for p in 0..<count {
            for axis in 0..<dimension { result[axis] = max(result[axis], coordinates[p * dimension + axis]) }
        }
        return result
    }

    /// Whether point `a` is at least as good as `b` on every coordinate.
    func covers(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension where coordinates[baseA + axis] < coordinates[baseB + axis] { return false }
        return true
    }

    func equalPoints(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension where coordinates[baseA + axis] != coordinates[baseB + axis] { return false }
        return true
    }

    /// `true` when point `a` comes before `b` in descending lexicographic order of coordinates.
    func lexGreater(_ a: Int, _ b: Int) -> Bool {
        let baseA = a * dimension, baseB = b * dimension
        for axis in 0..<dimension {
            let x = coordinates[baseA + axis], y = coordinates[baseB + axis]
            if x != y { return x > y }
        }
        return false
    }

    /// Debug check: no point covers another (the set is a Pareto frontier without duplicates).
    func _checkNonDominated() -> Bool {
        for a in 0..<count {
            for b in 0..<count where a != b && covers(a, b) { return false }
        }
        return true
    }
}
