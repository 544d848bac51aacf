import Dispatch
import Foundation
import Synchronization

/// Enumerates the packages of a group of issues (or of the whole space) and keeps the Pareto
/// optimal ones, in constant memory beyond the kept points.
///
/// The packages are visited in lexicographic order of options (the last issue varies fastest),
/// with utilities built incrementally: the prefix sum of the first `k` issues is kept per level,
/// so each visited package costs one row of the option table plus the interactions and
/// forbidden combinations that end at the varying issue. A prefix that crosses a forbidden
/// combination, or whose best completion cannot reach `lowerBound`, is skipped whole.
/// The first levels are split into chunks enumerated in parallel; the chunk frontiers are merged
/// with ties going to the earlier package, so the result does not depend on the thread count.
///
/// - Complexity: O(P · (n + c)) for P visited packages, n parties and c terms ending at the last
///   issue, plus the skyline cost of the survivors.
struct GroupEnumerator {
    let partyCount: Int
    /// Issues enumerated, ascending.
    let issues: [Int]
    /// Allowed options per level.
    private let options: [[Int32]]
    /// `terms[k][a * n + i]`: party `i`'s term for the `a`-th allowed option of level `k`.
    private let terms: [[Int64]]
    /// Interactions and forbidden combinations, attached to the level of their last issue.
    private let interactionsAt: [[(party: Int, when: [(level: Int, option: Int32)], value: Int64)]]
    private let combinationsAt: [[[(level: Int, option: Int32)]]]
    /// Largest possible contribution of levels `k...` per party: `remaining[k * n + i]`.
    private let remaining: [Int64]
    /// Packages whose utility is below this for some party are dropped.
    let lowerBound: [Int64]

    /// - Parameter lowerBound: keep only packages with `u_i ≥ lowerBound[i]` (`nil`: keep all).
    init(space: DiscreteSpace, issues: [Int], lowerBound: [Int64]?) {
        let n = space.partyCount
        partyCount = n
        self.issues = issues
        self.lowerBound = lowerBound ?? Array(repeating: Int64.min, count: n)
        var levelOf: [Int: Int] = [:]
        for (level, issue) in issues.enumerated() { levelOf[issue] = level }
        options = issues.map { space.allowed[$0].map(Int32.init) }
        terms = issues.indices.map { level in
            let issue = issues[level]
            var row: [Int64] = []
            row.reserveCapacity(space.allowed[issue].count * n)
            for option in space.allowed[issue] {
                row.append(contentsOf: space.terms[issue][(option * n)..<((option + 1) * n)])
            }
            return row
        }
        var interactionsAt = [[(party: Int, when: [(level: Int, option: Int32)], value: Int64)]](repeating: [], count: issues.count)
        for interaction in space.interactions {
            let levels = interaction.when.compactMap { levelOf[$0.issue] }
            guard levels.count == interaction.when.count, let last = levels.max() else { continue }
            let when = interaction.when.map { (level: levelOf[$0.issue] ?? 0, option: Int32($0.option)) }
            interactionsAt[last].append((interaction.party, when, interaction.value))
        }
        var combinationsAt = [[[(level: Int, option: Int32)]]](repeating: [], count: issues.count)
        for combination in space.forbiddenCombinations {
            let levels = combination.compactMap { levelOf[$0.issue] }
            guard levels.count == combination.count, let last = levels.max() else { continue }
            combinationsAt[last].append(combination.map { (level: levelOf[$0.issue] ?? 0, option: Int32($0.option)) })
        }
        self.interactionsAt = interactionsAt
        self.combinationsAt = combinationsAt

        var remaining = [Int64](repeating: 0, count: (issues.count + 1) * n)
        for level in stride(from: issues.count - 1, through: 0, by: -1) {
            for i in 0..<n {
                var best = Int64.min
                for a in 0..<options[level].count { best = max(best, terms[level][a * n + i]) }
                if best == .min { best = 0 }
                let bonus = interactionsAt[level].filter { $0.party == i && $0.value > 0 }.reduce(0) { $0 + $1.value }
                remaining[level * n + i] = remaining[(level + 1) * n + i] + best + bonus
            }
        }
        self.remaining = remaining
    }

    /// Largest utility each party can get from these issues (an upper bound).
    var upperBound: [Int64] { Array(remaining[0..<partyCount]) }

    /// Number of packages of the group, ignoring forbidden combinations.
    var size: Double { options.reduce(1.0) { $0 * Double($1.count) } }

    /// The Pareto-optimal packages with `u ≥ lowerBound`; tags are the option index of each issue.
    func frontier(progress: ProgressCounter? = nil) -> PointBuffer {
        let prefer: TiePreference = { candidate, incumbent in candidate.lexicographicallyPrecedes(incumbent) }
        let parts = inParallel(progress: progress) {
            FrontierVisitor(accumulator: SkylineAccumulator(dimension: partyCount, tagWidth: issues.count, prefer: prefer))
        }
        var union = PointBuffer(dimension: partyCount, tagWidth: issues.count)
        for var part in parts {
            let kept = part.accumulator.finish()
            union.coordinates.append(contentsOf: kept.coordinates)
            union.tags.append(contentsOf: kept.tags)
        }
        return parts.count == 1 ? union : Skyline.filter(union, prefer: prefer)
    }

    /// Number of packages with `u ≥ lowerBound` that cross no red line.
    func count(progress: ProgressCounter? = nil) -> Int {
        inParallel(progress: progress) { CountVisitor() }.reduce(0) { $0 + $1.count }
    }

    /// Runs one visitor per chunk of the space, in parallel when the space is large.
    private func inParallel<Visitor: PackageVisitor>(progress: ProgressCounter?, make: () -> Visitor) -> [Visitor] {
        let chunks = chunking()
        if chunks.count == 1 {
            var visitor = make()
            enumerate(prefixLevels: chunks.levels, range: 0..<chunks.total, progress: progress, visitor: &visitor)
            return [visitor]
        }
        let results = ResultSlots<Visitor>(count: chunks.count)
        let visitors = (0..<chunks.count).map { _ in make() }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            let lower = chunks.total * chunk / chunks.count, upper = chunks.total * (chunk + 1) / chunks.count
            var visitor = visitors[chunk]
            enumerate(prefixLevels: chunks.levels, range: lower..<upper, progress: progress, visitor: &visitor)
            results.store(chunk, visitor)
        }
        return results.values
    }

    /// How the first `levels` levels (`total` prefixes) are cut into `count` parallel chunks.
    private func chunking() -> (levels: Int, total: Int, count: Int) {
        let parallelism = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard size >= 65536, parallelism > 1 else { return (0, 1, 1) }
        var levels = 0, total = 1
        while levels < issues.count - 1 && total < 8 * parallelism {
            total *= options[levels].count
            levels += 1
        }
        return (levels, total, min(total, 8 * parallelism))
    }

    /// Enumerates every package whose first `prefixLevels` options, read as a mixed-radix number,
    /// fall in `range`.
    private func enumerate<Visitor: PackageVisitor>(
        prefixLevels: Int, range: Range<Int>, progress: ProgressCounter?, visitor: inout Visitor
    ) {
        let n = partyCount, m = issues.count
        guard m > 0, options.allSatisfy({ !$0.isEmpty }), !range.isEmpty else { return }
        var partial = [Int64](repeating: 0, count: (m + 1) * n)
        var digit = [Int](repeating: 0, count: m)
        var chosen = [Int32](repeating: 0, count: m)
        var visited = 0

        // Fixes level `k` to its current digit; false when a forbidden combination ends here or
        // the bound cannot be met any more.
        func place(_ k: Int) -> Bool {
            let a = digit[k]
            let option = options[k][a]
            chosen[k] = option
            for combination in combinationsAt[k] where combination.allSatisfy({ chosen[$0.level] == $0.option }) {
                return false
            }
            let row = a * n
            var feasible = true
            for i in 0..<n {
                let value = partial[k * n + i] + terms[k][row + i]
                partial[(k + 1) * n + i] = value
            }
            for interaction in interactionsAt[k] where interaction.when.allSatisfy({ chosen[$0.level] == $0.option }) {
                partial[(k + 1) * n + interaction.party] += interaction.value
            }
            for i in 0..<n where partial[(k + 1) * n + i] + remaining[(k + 1) * n + i] < lowerBound[i] {
                feasible = false
                break
            }
            return feasible
        }

        func emit() {
            visited += 1
            if visited & 0xFFFF == 0, let progress {
                progress.add(visited)
                visited = 0
            }
            partial.withUnsafeBufferPointer { all in
                chosen.withUnsafeBufferPointer { tags in
                    visitor.visit(UnsafeBufferPointer(rebasing: all[(m * n)..<((m + 1) * n)]), tags)
                }
            }
        }

        for prefix in range {
            // Decode the prefix into the first digits (mixed radix, last prefix level fastest).
            var rest = prefix
            for k in stride(from: prefixLevels - 1, through: 0, by: -1) {
                digit[k] = rest % options[k].count
                rest /= options[k].count
            }
            var valid = true
            for k in 0..<prefixLevels where !place(k) {
                valid = false
                break
            }
            guard valid else { continue }
            if prefixLevels == m {
                emit()
                continue
            }
            var k = prefixLevels
            digit[k] = 0
            while k >= prefixLevels {
                if digit[k] == options[k].count {
                    k -= 1
                    if k >= prefixLevels { digit[k] += 1 }
                    continue
                }
                if place(k) {
                    if k == m - 1 {
                        emit()
                    } else {
                        k += 1
                        digit[k] = 0
                        continue
                    }
                }
                digit[k] += 1
            }
        }
        progress?.add(visited)
    }
}

/// What an enumeration does with each package that meets the bound: its utilities and options.
protocol PackageVisitor: Sendable {
    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>)
}

/// Keeps the Pareto-optimal packages.
struct FrontierVisitor: PackageVisitor {
    var accumulator: SkylineAccumulator

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) {
        accumulator.offer(utilities, tags: options)
    }
}

/// Counts the packages.
struct CountVisitor: PackageVisitor {
    var count = 0

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) {
        count += 1
    }
}

/// Results written by parallel workers, one slot each.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ index: Int, _ value: sending Value) {
        slots.withLock { $0[index] = value }
    }

    /// The stored values in slot order.
    var values: [Value] { slots.withLock { $0.compactMap { $0 } } }
}
