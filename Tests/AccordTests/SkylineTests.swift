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
    /// Random points on a small integer grid (many equal coordinates and duplicate points); the
    /// tag is the point's index, and among equal points the smallest tag must win.
    static func randomPoints(seed: UInt64, count: Int, dimension: Int, grid: Int) -> PointBuffer {
        var rng = SeededGenerator(seed: seed)
        var points = PointBuffer(dimension: dimension, tagWidth: 1)
        for index in 0..<count {
            points.append((0..<dimension).map { _ in Int64(rng.below(grid)) }, tags: [Int32(index)])
        }
        return points
    }

    static let prefer: TiePreference = { candidate, incumbent in candidate.first! < incumbent.first! }

    /// Indices of the points no other point dominates, with duplicates represented by the smallest index.
    static func naive(_ points: PointBuffer) -> Set<Int> {
        var result = Set<Int>()
        for a in 0..<points.count {
            let beaten = (0..<points.count).contains { b in
                b != a && points.covers(b, a) && (!points.equalPoints(a, b) || b < a)
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
            let points = Self.randomPoints(seed: seed * 31 + UInt64(caseIndex), count: count, dimension: dimension, grid: grid)
            let expected = Self.naive(points)
            let kept = Skyline.filter(points, prefer: Self.prefer)
            let got = Set((0..<kept.count).map { Int(kept.tag($0, 0)) })
            #expect(got == expected, "d=\(dimension) n=\(count) grid=\(grid) seed \(seed): \(got.count) kept, \(expected.count) expected")
            #expect((1..<max(1, kept.count)).allSatisfy { kept.lexGreater($0 - 1, $0) }, "output not sorted descending")
        }
    }

    @Test(arguments: [2, 3, 4, 5])
    func accumulatorMatchesNaive(dimension: Int) {
        let points = Self.randomPoints(seed: UInt64(dimension), count: 5000, dimension: dimension, grid: 12)
        var accumulator = SkylineAccumulator(dimension: dimension, tagWidth: 1, blockSize: 256, prefer: Self.prefer)
        for index in 0..<points.count {
            let point = Array(points.point(index)), tag = [Int32(index)]
            point.withUnsafeBufferPointer { p in tag.withUnsafeBufferPointer { t in accumulator.offer(p, tags: t) } }
        }
        let kept = accumulator.finish()
        #expect(Set((0..<kept.count).map { Int(kept.tag($0, 0)) }) == Self.naive(points))
    }
}
