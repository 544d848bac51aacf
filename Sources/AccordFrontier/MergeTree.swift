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

    /// Bytes of the point buffers of every node.
    var bytes: Int { nodes.reduce(0) { $0 + $1.points.bytes } }

    /// The package (option index per issue) of point `index` of the root.
    func package(at index: Int) -> [Int] {
        var package = [Int](repeating: -1, count: space.issueCount)
        if let root { fill(&package, node: root, index: index) }
        return package
    }

    /// Merges two nodes into a new one and returns its index; `check` sees the memory of the
    /// tree plus the merge's candidates and skyline before they are allocated, and may stop it.
    mutating func merge<Failure: Error>(
        _ left: Int, _ right: Int, lowerBound: [Int64], step: Int, of steps: Int, progress: ProgressCounter?,
        check: MemoryCheck<Failure>
    ) throws(Failure) -> Int {
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
        progress?.begin(.merging(step: step, of: steps), unit: "candidate sums")
        // Three or more parties: every sum is a candidate; two: the sums visited are not known ahead.
        if a.dimension > 2 { progress?.expect(Double(a.count) * Double(b.count)) }
        let context = MergeContext(held: bytes, step: step, steps: steps, progress: progress)
        let merged = a.dimension == 2
            ? try Self.mergeTwoParty(a, b, lowerBound: lowerBound, prefer: prefer, context: context, check: check)
            : try Self.mergeGeneral(a, b, lowerBound: lowerBound, prefer: prefer, context: context, check: check)
        progress?.found(merged.count)
        let issues = (nodes[left].issues + nodes[right].issues).sorted()
        nodes.append(Node(source: .merge(left: left, right: right), points: merged, maxima: merged.maxima, issues: issues))
        // Children keep only their tags: coordinates are no longer needed.
        nodes[left].points.coordinates = []
        nodes[right].points.coordinates = []
        return nodes.count - 1
    }

    /// What a merge reports to: the bytes the tree holds, the step, and the progress counter.
    struct MergeContext {
        var held: Int
        var step: Int
        var steps: Int
        var progress: ProgressCounter?

        var stage: FrontierStage { .merging(step: step, of: steps) }
    }

    /// Three or more parties: the sums that meet the bound, a block of rows of `a` at a time, go
    /// through the skyline filter; the block skylines are filtered once more together. Before a
    /// block is allocated, and before the final filter, `check` sees the tree's bytes plus the
    /// survivors so far, the block (or final filter) and its skyline's working memory.
    private static func mergeGeneral<Failure: Error>(
        _ a: PointBuffer, _ b: PointBuffer, lowerBound: [Int64], prefer: @escaping TiePreference, context: MergeContext,
        check: MemoryCheck<Failure>
    ) throws(Failure) -> PointBuffer {
        let n = a.dimension
        let rowsPerBlock = max(1, (1 << 21) / max(b.count, 1))
        var survivors = PointBuffer(dimension: n, tagWidth: 2)
        var blocks = 0
        for firstRow in stride(from: 0, to: a.count, by: rowsPerBlock) {
            let rows = min(rowsPerBlock, a.count - firstRow)
            let candidates = rows.saturatingMultiplied(by: b.count)
            try check(MemoryUse(
                stage: context.stage, points: survivors.count.saturatingAdding(candidates),
                bytes: context.held.saturatingAdding(survivors.bytes)
                    .saturatingAdding(PointBuffer.bytes(points: candidates, dimension: n, tagWidth: 2))
                    .saturatingAdding(Skyline.workingBytes(points: candidates, dimension: n, tagWidth: 2))))
            var block = PointBuffer(dimension: n, tagWidth: 2)
            block.reserve(candidates)
            a.coordinates.withUnsafeBufferPointer { pa in
                b.coordinates.withUnsafeBufferPointer { pb in
                    for i in firstRow..<(firstRow + rows) {
                        context.progress?.add(b.count)
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
            context.progress?.found(survivors.count)
        }
        guard blocks > 1 else { return survivors }
        try check(MemoryUse(
            stage: context.stage, points: survivors.count,
            bytes: context.held.saturatingAdding(survivors.bytes)
                .saturatingAdding(Skyline.workingBytes(points: survivors.count, dimension: n, tagWidth: 2))))
        context.progress?.begin(
            .filtering(merge: context.step, of: context.steps, dimension: n, points: survivors.count), unit: "points")
        return Skyline.filter(survivors, prefer: prefer)
    }
}
