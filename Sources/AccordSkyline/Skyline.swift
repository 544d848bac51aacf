/// Decides which of two points with identical utilities represents them: `true` when the point with
/// tags `candidate` is preferred over the one with tags `incumbent` (the earlier package).
package typealias TiePreference = @Sendable (_ candidate: ArraySlice<Int32>, _ incumbent: ArraySlice<Int32>) -> Bool

package enum Skyline {
    /// The Pareto-optimal points of `points` (maximization on every coordinate): no kept point is
    /// covered by another point, and of points with identical coordinates one is kept, chosen by
    /// `prefer`. The result is sorted by coordinates, lexicographically descending.
    ///
    /// Two coordinates: sort and scan, O(N log N). Three: Kung–Luccio–Preparata sweep, O(N log N).
    /// More: a k-d dominance tree over all points, queried for each point in parallel.
    package static func filter(_ points: PointBuffer, prefer: @escaping TiePreference) -> PointBuffer {
        guard points.count > 1 else { return points }
        let kept: [Int]
        switch points.dimension {
        case 2: kept = filterTwoParty(points, prefer: prefer)
        case 3: kept = filterThreeParty(points, prefer: prefer)
        default: kept = DominanceTree(points).undominated(prefer: prefer)
        }
        return points.selecting(kept.sorted { points.lexGreater($0, $1) })
    }

    /// An upper bound on the bytes `filter` allocates for `points` points of `dimension`
    /// coordinates and `tagWidth` tags, beyond its input: the sort order and kept indices (8 bytes
    /// a point each), the staircase (three coordinates) or the dominance tree's coordinates, box
    /// maxima, order and survivor lists (four or more: 16·d + 24 bytes a point), and the result,
    /// at most every point.
    package static func workingBytes(points: Int, dimension: Int, tagWidth: Int) -> Int {
        points.saturatingMultiplied(by: 32 + 16 * dimension)
            .saturatingAdding(PointBuffer.bytes(points: points, dimension: dimension, tagWidth: tagWidth))
    }
}
