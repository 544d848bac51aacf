import Accord
@testable import AccordModel
@testable import AccordImport
@testable import AccordGenerate
@testable import AccordSkyline
@testable import AccordSpace
@testable import AccordFrontier
@testable import AccordSolutions
@testable import AccordLinkage
@testable import AccordDynamics
@testable import AccordReport
import Testing

/// The skyline filters (2-D scan, 3-D sweep, k-d dominance tree, streaming accumulator) against a
/// naive quadratic filter, on random point sets with many duplicates and ties.
@Suite struct SkylineTests {
    /// Random points on a small integer grid (many equal coordinates and duplicate points), as
    /// rows of coordinates; a point's tag in the buffer is its row index, and among equal points
    /// the smallest tag must win.
    static func randomRows(seed: UInt64, count: Int, dimension: Int, grid: Int) -> [[Int64]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Int64(rng.below(grid)) } }
    }

    static func buffer(_ rows: [[Int64]], dimension: Int) -> PointBuffer {
        var points = PointBuffer(dimension: dimension, tagWidth: 1)
        for (index, row) in rows.enumerated() { points.append(row, tags: [Int32(index)]) }
        return points
    }

    static let prefer: TiePreference = { candidate, incumbent in candidate.lexicographicallyPrecedes(incumbent) }

    /// Indices of the rows no other row dominates, with duplicates represented by the smallest
    /// index: the definition, written here independently of `PointBuffer`. Row `b` beats row `a`
    /// when `b_k ≥ a_k` on every coordinate and either some inequality is strict or `b < a`.
    static func naive(_ rows: [[Int64]]) -> Set<Int> {
        var result = Set<Int>()
        for a in rows.indices {
            let beaten = rows.indices.contains { b in
                b != a && zip(rows[b], rows[a]).allSatisfy { $0 >= $1 } && (rows[b] != rows[a] || b < a)
            }
            if !beaten { result.insert(a) }
        }
        return result
    }

    static let cases: [(dimension: Int, count: Int, grid: Int)] = [
        (2, 3000, 50), (2, 500, 6), (3, 3000, 40), (3, 800, 5), (4, 6000, 30), (4, 500, 4),
        (5, 6000, 25), (6, 2000, 10), (6, 300, 3),
    ]

    @Test(arguments: Array(cases.indices))
    func filterMatchesNaive(caseIndex: Int) {
        let (dimension, count, grid) = Self.cases[caseIndex]
        for seed in UInt64(1)...3 {
            let rows = Self.randomRows(seed: seed * 31 + UInt64(caseIndex), count: count, dimension: dimension, grid: grid)
            let points = Self.buffer(rows, dimension: dimension)
            let expected = Self.naive(rows)
            let kept = Skyline.filter(points, prefer: Self.prefer)
            let got = Set((0..<kept.count).map { Int(kept.tag($0, 0)) })
            #expect(got == expected, "d=\(dimension) n=\(count) grid=\(grid) seed \(seed): \(got.count) kept, \(expected.count) expected")
            #expect((1..<max(1, kept.count)).allSatisfy { kept.lexGreater($0 - 1, $0) }, "output not sorted descending")
        }
    }

    @Test(arguments: [2, 3, 4, 5])
    func accumulatorMatchesNaive(dimension: Int) {
        let rows = Self.randomRows(seed: UInt64(dimension), count: 5000, dimension: dimension, grid: 12)
        var accumulator = SkylineAccumulator(dimension: dimension, tagWidth: 1, blockSize: 256, prefer: Self.prefer)
        for (index, row) in rows.enumerated() {
            let tag = [Int32(index)]
            row.withUnsafeBufferPointer { p in tag.withUnsafeBufferPointer { t in accumulator.offer(p, tags: t) } }
        }
        let kept = accumulator.finish()
        #expect(Set((0..<kept.count).map { Int(kept.tag($0, 0)) }) == Self.naive(rows))
    }
}
