import AccordModel
import AccordSkyline
import AccordSpace

/// The merge tree of a Pareto-sum: leaves hold group frontiers (tags: the options of the group's
/// issues), inner nodes hold merged frontiers (tags: a point index of each child).
struct MergeTree: Sendable {
    struct Node: Sendable {
        enum Source: Sendable {
            case group(Int)
            case merge(left: Int, right: Int)
        }
        var source: Source
        var points: PointBuffer
        var maxima: [Int64]
        /// Issues the node's packages cover, ascending.
        var issues: [Int]
    }

    let space: DiscreteSpace
    private(set) var nodes: [Node] = []
    var root: Int?

    init(space: DiscreteSpace) { self.space = space }

    mutating func addLeaf(group: Int, points: PointBuffer) {
        nodes.append(Node(source: .group(group), points: points, maxima: points.maxima, issues: space.groups[group]))
    }

    /// The root frontier: acceptable, Pareto optimal, sorted by utilities lexicographically descending.
    package var frontier: PointBuffer {
        guard let root else { return PointBuffer(dimension: space.partyCount, tagWidth: 0) }
        return nodes[root].points
    }

    /// Writes the options of point `index` of `node` into `package` (option index per issue).
    func fill(_ package: inout [Int], node: Int, index: Int) {
        let current = nodes[node]
        switch current.source {
        case .group:
            for (slot, issue) in current.issues.enumerated() {
                package[issue] = Int(current.points.tag(index, slot))
            }
        case .merge(let left, let right):
            fill(&package, node: left, index: Int(current.points.tag(index, 0)))
            fill(&package, node: right, index: Int(current.points.tag(index, 1)))
        }
    }

    /// The package (option index per issue) of point `index` of the root.
    func package(at index: Int) -> [Int] {
        var package = [Int](repeating: -1, count: space.issueCount)
        if let root { fill(&package, node: root, index: index) }
        return package
    }

    /// Merges two nodes into a new one and returns its index.
    mutating func merge(_ left: Int, _ right: Int, lowerBound: [Int64]) -> Int {
        let a = nodes[left].points, b = nodes[right].points
        let snapshot = self
        // Ties: compare the partial packages over the issues both nodes cover.
        let prefer: TiePreference = { candidate, incumbent in
            var first = [Int](repeating: -1, count: snapshot.space.issueCount), second = first
            snapshot.fill(&first, node: left, index: Int(candidate[candidate.startIndex]))
            snapshot.fill(&first, node: right, index: Int(candidate[candidate.startIndex + 1]))
            snapshot.fill(&second, node: left, index: Int(incumbent[incumbent.startIndex]))
            snapshot.fill(&second, node: right, index: Int(incumbent[incumbent.startIndex + 1]))
            return first.lexicographicallyPrecedes(second)
        }
        let merged = a.dimension == 2
            ? Self.mergeTwoParty(a, b, lowerBound: lowerBound, prefer: prefer)
            : Self.mergeGeneral(a, b, lowerBound: lowerBound, prefer: prefer)
        let issues = (nodes[left].issues + nodes[right].issues).sorted()
        nodes.append(Node(source: .merge(left: left, right: right), points: merged, maxima: merged.maxima, issues: issues))
        // Children keep only their tags: coordinates are no longer needed.
        nodes[left].points.coordinates = []
        nodes[right].points.coordinates = []
        return nodes.count - 1
    }

    /// Three or more parties: the sums that meet the bound, a block of rows of `a` at a time, go
    /// through the skyline filter; the block skylines are filtered once more together.
    private static func mergeGeneral(_ a: PointBuffer, _ b: PointBuffer, lowerBound: [Int64], prefer: @escaping TiePreference) -> PointBuffer {
        let n = a.dimension
        let rowsPerBlock = max(1, (1 << 21) / max(b.count, 1))
        var survivors = PointBuffer(dimension: n, tagWidth: 2)
        var blocks = 0
        for firstRow in stride(from: 0, to: a.count, by: rowsPerBlock) {
            var block = PointBuffer(dimension: n, tagWidth: 2)
            block.reserve(min(rowsPerBlock, a.count - firstRow).saturatingMultiplied(by: b.count))
            a.coordinates.withUnsafeBufferPointer { pa in
                b.coordinates.withUnsafeBufferPointer { pb in
                    for i in firstRow..<min(a.count, firstRow + rowsPerBlock) {
                        candidates: for j in 0..<b.count {
                            for axis in 0..<n where pa[i * n + axis] + pb[j * n + axis] < lowerBound[axis] {
                                continue candidates
                            }
                            for axis in 0..<n { block.coordinates.append(pa[i * n + axis] + pb[j * n + axis]) }
                            block.tags.append(Int32(i))
                            block.tags.append(Int32(j))
                        }
                    }
                }
            }
            let kept = Skyline.filter(block, prefer: prefer)
            survivors.coordinates.append(contentsOf: kept.coordinates)
            survivors.tags.append(contentsOf: kept.tags)
            blocks += 1
        }
        return blocks == 1 ? survivors : Skyline.filter(survivors, prefer: prefer)
    }
}
