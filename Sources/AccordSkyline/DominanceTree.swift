import Dispatch

/// A static k-d tree over a set of points answering "does some other point cover this one?"
/// (an orthant query), for skylines in four or more dimensions.
///
/// The tree is implicit: the points are permuted so that every range `lo..<hi` is a node whose
/// median `(lo + hi) / 2` splits its range on axis `depth % d`; each node stores the coordinate-wise
/// maximum of its range, so a query skips every subtree whose maximum does not cover the point.
/// Dominated points usually find a dominator within a few nodes (the upper child is searched
/// first); non-dominated points visit only the nodes whose box reaches their orthant.
package struct DominanceTree: Sendable {
    private let points: PointBuffer
    /// Tree position → index of the point in `points`.
    private let order: [Int]
    /// Coordinates in tree order, `position * d + axis`.
    private let coordinates: [Int64]
    /// Subtree maxima, stored at each node's median position.
    private let maxima: [Int64]
    private let dimension: Int
    private static let leafSize = 8

    package init(_ points: PointBuffer) {
        self.points = points
        let d = points.dimension
        dimension = d
        var order = Array(0..<points.count)
        points.coordinates.withUnsafeBufferPointer { source in
            order.withUnsafeMutableBufferPointer { order in
                Self.build(order, source, d: d, lo: 0, hi: order.count, depth: 0)
            }
        }
        var tree = [Int64](repeating: 0, count: points.count * d)
        points.coordinates.withUnsafeBufferPointer { source in
            tree.withUnsafeMutableBufferPointer { tree in
                for (position, index) in order.enumerated() {
                    for axis in 0..<d { tree[position * d + axis] = source[index * d + axis] }
                }
            }
        }
        var maxima = [Int64](repeating: .min, count: points.count * d)
        tree.withUnsafeBufferPointer { tree in
            maxima.withUnsafeMutableBufferPointer { maxima in
                Self.fillMaxima(maxima, tree, d: d, lo: 0, hi: order.count)
            }
        }
        self.order = order
        coordinates = tree
        self.maxima = maxima
    }

    /// Arranges `order[lo..<hi]` so that every node's median holds the median on its split axis.
    private static func build(
        _ order: UnsafeMutableBufferPointer<Int>, _ source: UnsafeBufferPointer<Int64>, d: Int, lo: Int, hi: Int, depth: Int
    ) {
        guard hi - lo > leafSize else { return }
        let mid = (lo + hi) / 2
        select(mid, order, source, d: d, lo: lo, hi: hi, axis: depth % d)
        build(order, source, d: d, lo: lo, hi: mid, depth: depth + 1)
        build(order, source, d: d, lo: mid + 1, hi: hi, depth: depth + 1)
    }

    /// Quickselect: afterwards `order[k]` has the k-th smallest coordinate on `axis` in `lo..<hi`,
    /// smaller or equal ones before it, greater or equal ones after.
    private static func select(
        _ k: Int, _ order: UnsafeMutableBufferPointer<Int>, _ source: UnsafeBufferPointer<Int64>, d: Int, lo: Int, hi: Int, axis: Int
    ) {
        var lo = lo, hi = hi - 1
        while lo < hi {
            let pivot = source[order[(lo + hi) / 2] * d + axis]
            var i = lo, j = hi
            while i <= j {
                while source[order[i] * d + axis] < pivot { i += 1 }
                while source[order[j] * d + axis] > pivot { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    /// Fills the subtree maxima of `lo..<hi`, stored at its median.
    private static func fillMaxima(
        _ maxima: UnsafeMutableBufferPointer<Int64>, _ tree: UnsafeBufferPointer<Int64>, d: Int, lo: Int, hi: Int
    ) {
        guard hi > lo else { return }
        let mid = (lo + hi) / 2
        let base = mid * d
        if hi - lo > leafSize {
            fillMaxima(maxima, tree, d: d, lo: lo, hi: mid)
            fillMaxima(maxima, tree, d: d, lo: mid + 1, hi: hi)
            for axis in 0..<d {
                var value = tree[base + axis]
                if mid > lo { value = max(value, maxima[((lo + mid) / 2) * d + axis]) }
                if hi > mid + 1 { value = max(value, maxima[((mid + 1 + hi) / 2) * d + axis]) }
                maxima[base + axis] = value
            }
        } else {
            for axis in 0..<d {
                var value = Int64.min
                for position in lo..<hi { value = max(value, tree[position * d + axis]) }
                maxima[base + axis] = value
            }
        }
    }

    /// The points no other point dominates; of equal points, the one `prefer` ranks first.
    /// Queries run in parallel on all cores for large sets.
    /// - Complexity: O(N log N) to build; a query is O(log N) for typical dominated points and
    ///   O(N^(1−1/d)) in the worst case.
    package func undominated(prefer: @escaping TiePreference) -> [Int] {
        let count = points.count
        let chunks = count >= 4096 ? 16 : 1
        let slots = ResultSlots<[Int]>(count: chunks)
        let work: @Sendable (Int) -> Void = { chunk in
            var survivors: [Int] = []
            let lower = count * chunk / chunks, upper = count * (chunk + 1) / chunks
            var stack: [(Int, Int)] = []
            var lastDominator = -1
            for position in lower..<upper
            where !isCovered(position, prefer: prefer, stack: &stack, lastDominator: &lastDominator) {
                survivors.append(order[position])
            }
            slots.store(chunk, survivors)
        }
        if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
        return slots.values.flatMap { $0 }
    }

    /// Whether another point covers the point at tree `position` (strictly, or equal and preferred).
    /// `lastDominator`, the point that covered the previous query, is tested first: neighbours in
    /// tree order are close in space and are often covered by the same point.
    private func isCovered(_ position: Int, prefer: TiePreference, stack: inout [(Int, Int)], lastDominator: inout Int) -> Bool {
        let d = dimension
        return coordinates.withUnsafeBufferPointer { coords in
            maxima.withUnsafeBufferPointer { boxes in
                let query = position * d
                func covers(_ base: Int, _ values: UnsafeBufferPointer<Int64>) -> Bool {
                    for axis in 0..<d where values[base + axis] < coords[query + axis] { return false }
                    return true
                }
                // Tests the point at tree position `other`.
                func beats(_ other: Int) -> Bool {
                    guard other != position, covers(other * d, coords) else { return false }
                    for axis in 0..<d where coords[other * d + axis] != coords[query + axis] { return true }
                    return prefer(points.tagSlice(order[other]), points.tagSlice(order[position]))
                }
                if lastDominator >= 0 && beats(lastDominator) { return true }
                stack.removeAll(keepingCapacity: true)
                stack.append((0, points.count))
                while let (lo, hi) = stack.popLast() {
                    let mid = (lo + hi) / 2
                    guard covers(mid * d, boxes) else { continue }
                    if hi - lo <= Self.leafSize {
                        for other in lo..<hi where beats(other) {
                            lastDominator = other
                            return true
                        }
                        continue
                    }
                    if beats(mid) {
                        lastDominator = mid
                        return true
                    }
                    if mid > lo { stack.append((lo, mid)) }
                    if hi > mid + 1 { stack.append((mid + 1, hi)) }  // upper half first
                }
                return false
            }
        }
    }
}
