import AccordModel
import AccordSkyline
import Dispatch
import Foundation

/// Enumerates the packages of a group of issues (or of the whole space) and keeps the Pareto
/// optimal ones, in constant memory beyond the kept points.
///
/// The packages are visited in lexicographic order of options (the last issue varies fastest),
/// with utilities built incrementally (`PackageWalk`): each visited package costs one row of the
/// option table plus the interactions and forbidden combinations (*rules*) that end at the
/// varying issue. A prefix that crosses a forbidden combination, or whose best completion cannot
/// reach `lowerBound`, is skipped whole. All tables are flat (`EnumerationTables`) and read
/// through pointers in the hot loop: no allocation and no reference counting per package, so the
/// two cores do not contend.
/// The first levels are split into chunks enumerated in parallel; the chunk frontiers are merged
/// with ties going to the earlier package, so the result does not depend on the thread count.
///
/// Any number of packages is safe: sizes are doubles, the parallel split uses exact
/// double-width arithmetic and progress counts saturate (a space of 10^24 packages does not trap;
/// whether it is worth enumerating is for `DiscreteSpace.enumerationRefusal` to decide).
///
/// - Complexity: O(P · (n + r)) for P visited packages, n parties and r rules ending at the last
///   issue, plus the skyline cost of the survivors.
package struct GroupEnumerator: Sendable {
    let partyCount: Int
    /// Issues enumerated, ascending.
    package let issues: [Int]
    private let tables: EnumerationTables

    /// - Parameter lowerBound: keep only packages with `u_i ≥ lowerBound[i]` (`nil`: keep all).
    package init(space: DiscreteSpace, issues: [Int], lowerBound: [Int64]?) {
        partyCount = space.partyCount
        self.issues = issues
        tables = EnumerationTables(
            space: space, issues: issues, lowerBound: lowerBound ?? Array(repeating: Int64.min, count: space.partyCount))
    }

    /// Largest utility each party can get from these issues (an upper bound).
    package var upperBound: [Int64] { tables.upperBound }

    /// Number of packages of the group, ignoring forbidden combinations.
    var size: Double { tables.optionCounts.reduce(1.0) { $0 * Double($1) } }

    /// The Pareto-optimal packages with `u ≥ lowerBound`; tags are the option index of each issue.
    package func frontier(progress: ProgressCounter? = nil) -> PointBuffer {
        frontier(progress: progress, stage: .enumerating(group: 1, of: 1), held: 0) { _ in }
    }

    /// The Pareto-optimal packages with `u ≥ lowerBound`, with the memory of their buffers
    /// checked by `check` (`held` bytes already in use): while the parts are enumerated (the
    /// walk stops as soon as the points kept by all parts together would need more than `check`
    /// admits) and before the parts are joined and filtered.
    package func frontier<Failure: Error>(
        progress: ProgressCounter?, stage: FrontierStage, held: Int, check: MemoryCheck<Failure>
    ) throws(Failure) -> PointBuffer {
        let prefer: TiePreference = { candidate, incumbent in candidate.lexicographicallyPrecedes(incumbent) }
        let chunks = chunking()
        let limit = Self.pointLimit { points in Self.admits(check, use(points, held: held, stage: stage, parts: chunks.count)) }
        let tally = PointTally(limit: limit, progress: progress)
        // Reports often enough that the parts together overshoot the limit by at most about half.
        let reportEvery = min(4096, max(1, limit / (2 * chunks.count)))
        var parts = inParallel(chunks: chunks, progress: progress) {
            FrontierVisitor(
                accumulator: SkylineAccumulator(dimension: partyCount, tagWidth: issues.count, prefer: prefer), tally: tally,
                reportEvery: reportEvery)
        }
        if tally.exceeded {
            // The size reached; `check` refuses it, as it refuses `limit + 1` points (by
            // `pointLimit`) and needs no less memory.
            try check(use(tally.sum, held: held, stage: stage, parts: chunks.count))
            try check(use(limit.saturatingAdding(1), held: held, stage: stage, parts: chunks.count))
        }
        var kept: [PointBuffer] = []
        for index in parts.indices { kept.append(parts[index].accumulator.finish()) }
        parts.removeAll()
        let count = kept.reduce(0) { $0.saturatingAdding($1.count) }
        try check(use(count, held: held, stage: stage, parts: kept.count))
        guard kept.count > 1, let first = kept.first else { return kept.first ?? PointBuffer(dimension: partyCount, tagWidth: issues.count) }
        var union = first
        for part in kept.dropFirst() {
            union.coordinates.append(contentsOf: part.coordinates)
            union.tags.append(contentsOf: part.tags)
        }
        kept.removeAll()
        return Skyline.filter(union, prefer: prefer)
    }

    /// The memory of `points` kept points in `parts` parallel parts: the parts, and unless there
    /// is one part their union and the working memory of its filter.
    private func use(_ points: Int, held: Int, stage: FrontierStage, parts: Int) -> MemoryUse {
        let partsBytes = PointBuffer.bytes(points: points, dimension: partyCount, tagWidth: issues.count)
        let joined = parts == 1 ? 0 : partsBytes.saturatingAdding(
            Skyline.workingBytes(points: points, dimension: partyCount, tagWidth: issues.count))
        return MemoryUse(stage: stage, points: points, bytes: held.saturatingAdding(partsBytes).saturatingAdding(joined))
    }

    private static func admits<Failure: Error>(_ check: MemoryCheck<Failure>, _ use: MemoryUse) -> Bool {
        do { try check(use); return true } catch { return false }
    }

    /// The largest number of points `admits` accepts (`Int.max` when it accepts every number, -1
    /// when it accepts none), by bisection: `admits` must be monotone (a larger number of points
    /// needs no less memory).
    ///
    /// - Complexity: O(log Int.max) = 63 calls of `admits`.
    static func pointLimit(_ admits: (Int) -> Bool) -> Int {
        if admits(Int.max) { return Int.max }
        if !admits(0) { return -1 }
        var low = 0, high = Int.max  // admits(low), !admits(high)
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if admits(mid) { low = mid } else { high = mid }
        }
        return low
    }

    /// Number of packages with `u ≥ lowerBound` that cross no red line.
    package func count(progress: ProgressCounter? = nil) -> Int {
        inParallel(chunks: chunking(), progress: progress) { CountVisitor() }.reduce(0) { $0 + $1.count }
    }

    /// Runs one visitor per chunk of the space, in parallel when the space is large.
    private func inParallel<Visitor: PackageVisitor>(
        chunks: (levels: Int, total: Int, count: Int), progress: ProgressCounter?, make: () -> Visitor
    ) -> [Visitor] {
        progress?.expect(size)
        if chunks.count == 1 {
            var visitor = make()
            enumerate(prefixLevels: chunks.levels, range: 0..<chunks.total, progress: progress, visitor: &visitor)
            return [visitor]
        }
        let results = ResultSlots<Visitor>(count: chunks.count)
        let visitors = (0..<chunks.count).map { _ in make() }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            let lower = Self.share(chunks.total, chunk, of: chunks.count)
            let upper = Self.share(chunks.total, chunk + 1, of: chunks.count)
            var visitor = visitors[chunk]
            enumerate(prefixLevels: chunks.levels, range: lower..<upper, progress: progress, visitor: &visitor)
            results.store(chunk, visitor)
        }
        return results.values
    }

    /// How the first `levels` levels (`total` prefixes) are cut into `count` parallel chunks:
    /// levels are added while there are fewer than 8 prefixes per core (and while their number
    /// fits in an `Int`; it always does in practice, as each level's options are in memory).
    private func chunking() -> (levels: Int, total: Int, count: Int) {
        let parallelism = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard size >= 65536, parallelism > 1 else { return (0, 1, 1) }
        let target = 8 * parallelism
        var levels = 0, total = 1
        while levels < issues.count - 1 && total < target {
            let (next, overflow) = total.multipliedReportingOverflow(by: tables.optionCounts[levels])
            if overflow { break }
            total = next
            levels += 1
        }
        return (levels, total, min(total, target))
    }

    /// `⌊total · part / parts⌋`, exact for every `total` (double-width product), with
    /// `0 ≤ part ≤ parts`: the first prefix of chunk `part`.
    private static func share(_ total: Int, _ part: Int, of parts: Int) -> Int {
        let product = total.multipliedFullWidth(by: part)
        return parts.dividingFullWidth((product.high, product.low)).quotient
    }

    /// Enumerates every package whose first `prefixLevels` options, read as a mixed-radix number,
    /// fall in `range` (see `PackageWalk.run`).
    private func enumerate<Visitor: PackageVisitor>(
        prefixLevels: Int, range: Range<Int>, progress: ProgressCounter?, visitor: inout Visitor
    ) {
        guard !issues.isEmpty, tables.optionCounts.allSatisfy({ $0 > 0 }), !range.isEmpty else { return }
        PackageWalk.withWalk(over: tables) { walk in
            walk.run(prefixLevels: prefixLevels, range: range, progress: progress, visitor: &visitor)
        }
    }
}
