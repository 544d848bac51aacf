extension Skyline {
    /// Three coordinates (Kung, Luccio and Preparata 1975): visit points by x descending (then y,
    /// then z), so that every possible dominator of a point comes before it, and keep the 2-D
    /// staircase of the (y, z) projections of the points kept so far — y ascending, z descending.
    /// A point is dominated iff the staircase point with the smallest y' ≥ y has z' ≥ z: one
    /// binary search. Equal points meet at that staircase point, where `prefer` decides.
    /// - Complexity: O(N log N) comparisons, plus the staircase updates (array moves of at most F).
    package static func filterThreeParty(_ points: PointBuffer, prefer: TiePreference) -> [Int] {
        let order = (0..<points.count).sorted { points.lexGreater($0, $1) }
        var kept: [Int] = []
        // Staircase entries: y ascending, z descending; `slot` is the entry's index in `kept`.
        var stairY: [Int64] = [], stairZ: [Int64] = [], stairSlot: [Int] = []
        for index in order {
            let y = points.coordinate(index, 1), z = points.coordinate(index, 2)
            // First staircase entry with y' ≥ y.
            var low = 0, high = stairY.count
            while low < high {
                let mid = (low + high) / 2
                if stairY[mid] < y { low = mid + 1 } else { high = mid }
            }
            if low < stairY.count && stairZ[low] >= z {
                let other = kept[stairSlot[low]]
                if points.equalPoints(other, index), prefer(points.tagSlice(index), points.tagSlice(other)) {
                    kept[stairSlot[low]] = index
                }
                continue
            }
            // Entries covered by (y, z): y' ≤ y and z' ≤ z, a run ending where y' > y begins.
            let end = low < stairY.count && stairY[low] == y ? low + 1 : low
            var start = end
            while start > 0 && stairZ[start - 1] <= z { start -= 1 }
            stairY.replaceSubrange(start..<end, with: [y])
            stairZ.replaceSubrange(start..<end, with: [z])
            stairSlot.replaceSubrange(start..<end, with: [kept.count])
            kept.append(index)
        }
        return kept
    }
}
