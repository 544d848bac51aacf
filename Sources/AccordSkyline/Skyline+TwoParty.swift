extension Skyline {
    /// Two coordinates: visit points by x descending (then y), keep a point when its y beats every
    /// y seen before. Equal points are adjacent; `prefer` picks their representative.
    /// - Complexity: O(N log N).
    package static func filterTwoParty(_ points: PointBuffer, prefer: TiePreference) -> [Int] {
        let order = (0..<points.count).sorted { points.lexGreater($0, $1) }
        var kept: [Int] = []
        var best = Int64.min
        for index in order {
            let y = points.coordinate(index, 1)
            if y > best {
                kept.append(index)
                best = y
            } else if let last = kept.last, points.equalPoints(last, index),
                      prefer(points.tagSlice(index), points.tagSlice(last)) {
                kept[kept.count - 1] = index
            }
        }
        return kept
    }
}
