import AccordModel
import AccordSkyline
import Dispatch
import Foundation
import Synchronization

/// Enumerates the packages of a group of issues (or of the whole space) and keeps the Pareto
/// optimal ones, in constant memory beyond the kept points.
///
/// The packages are visited in lexicographic order of options (the last issue varies fastest),
/// with utilities built incrementally: the prefix sum of the first `k` issues is kept per level,
/// so each visited package costs one row of the option table plus the interactions and
/// forbidden combinations (*rules*) that end at the varying issue. A prefix that crosses a
/// forbidden combination, or whose best completion cannot reach `lowerBound`, is skipped whole.
/// All tables are flat arrays read through unsafe pointers in the hot loop: no allocation and no
/// reference counting per package, so the two cores do not contend.
/// The first levels are split into chunks enumerated in parallel; the chunk frontiers are merged
/// with ties going to the earlier package, so the result does not depend on the thread count.
///
/// - Complexity: O(P · (n + r)) for P visited packages, n parties and r rules ending at the last
///   issue, plus the skyline cost of the survivors.
package struct GroupEnumerator: Sendable {
    let partyCount: Int
    /// Issues enumerated, ascending.
    package let issues: [Int]
    /// Allowed options of level `k`: `options[optionStart[k]..<optionStart[k + 1]]`.
    private let optionStart: [Int]
    private let options: [Int32]
    /// Party `i`'s term for allowed option `a` (flat index) is `terms[a * n + i]`.
    private let terms: [Int64]
    /// Rules ending at level `k`: `ruleStart[k]..<ruleStart[k + 1]`. A rule is an interaction
    /// (`ruleParty ≥ 0`, adds `ruleValue`) or a forbidden combination (`ruleParty == -1`); its
    /// conditions are `conditionLevel/Option[conditionStart[r]..<conditionStart[r + 1]]`.
    private let ruleStart: [Int]
    private let ruleParty: [Int]
    private let ruleValue: [Int64]
    private let conditionStart: [Int]
    private let conditionLevel: [Int]
    private let conditionOption: [Int32]
    /// Largest possible contribution of levels `k...` per party: `remaining[k * n + i]`.
    private let remaining: [Int64]
    /// Packages whose utility is below this for some party are dropped.
    let lowerBound: [Int64]

    /// - Parameter lowerBound: keep only packages with `u_i ≥ lowerBound[i]` (`nil`: keep all).
    package init(space: DiscreteSpace, issues: [Int], lowerBound: [Int64]?) {
        let n = space.partyCount, m = issues.count
        partyCount = n
        self.issues = issues
        self.lowerBound = lowerBound ?? Array(repeating: Int64.min, count: n)
        var levelOf: [Int: Int] = [:]
        for (level, issue) in issues.enumerated() { levelOf[issue] = level }

        var optionStart = [0], options: [Int32] = [], terms: [Int64] = []
        for issue in issues {
            for option in space.allowed[issue] {
                options.append(Int32(option))
                terms.append(contentsOf: space.terms[issue][(option * n)..<((option + 1) * n)])
            }
            optionStart.append(options.count)
        }
        // Rules, grouped by the level of their last issue.
        var rulesAt = [[(party: Int, value: Int64, conditions: [OptionChoice])]](repeating: [], count: m)
        for interaction in space.interactions {
            let levels = interaction.when.compactMap { levelOf[$0.issue] }
            guard levels.count == interaction.when.count, let last = levels.max() else { continue }
            rulesAt[last].append((interaction.party, interaction.value, interaction.when))
        }
        for combination in space.forbiddenCombinations {
            let levels = combination.compactMap { levelOf[$0.issue] }
            guard levels.count == combination.count, let last = levels.max() else { continue }
            // Forbidden combinations first, so a forbidden package is dropped before any work.
            rulesAt[last].insert((-1, 0, combination), at: 0)
        }
        var ruleStart = [0], ruleParty: [Int] = [], ruleValue: [Int64] = []
        var conditionStart = [0], conditionLevel: [Int] = [], conditionOption: [Int32] = []
        for rules in rulesAt {
            for rule in rules {
                ruleParty.append(rule.party)
                ruleValue.append(rule.value)
                for condition in rule.conditions {
                    conditionLevel.append(levelOf[condition.issue] ?? 0)
                    conditionOption.append(Int32(condition.option))
                }
                conditionStart.append(conditionLevel.count)
            }
            ruleStart.append(ruleParty.count)
        }

        var remaining = [Int64](repeating: 0, count: (m + 1) * n)
        for level in stride(from: m - 1, through: 0, by: -1) {
            for i in 0..<n {
                var best = Int64.min
                for a in optionStart[level]..<optionStart[level + 1] { best = max(best, terms[a * n + i]) }
                if best == .min { best = 0 }
                var bonus: Int64 = 0
                for r in ruleStart[level]..<ruleStart[level + 1] where ruleParty[r] == i && ruleValue[r] > 0 {
                    bonus += ruleValue[r]
                }
                remaining[level * n + i] = remaining[(level + 1) * n + i] + best + bonus
            }
        }
        self.optionStart = optionStart
        self.options = options
        self.terms = terms
        self.ruleStart = ruleStart
        self.ruleParty = ruleParty
        self.ruleValue = ruleValue
        self.conditionStart = conditionStart
        self.conditionLevel = conditionLevel
        self.conditionOption = conditionOption
        self.remaining = remaining
    }

    /// Number of allowed options of level `k`.
    private func optionCount(_ k: Int) -> Int { optionStart[k + 1] - optionStart[k] }

    /// Largest utility each party can get from these issues (an upper bound).
    package var upperBound: [Int64] { Array(remaining[0..<partyCount]) }

    /// Number of packages of the group, ignoring forbidden combinations.
    var size: Double { issues.indices.reduce(1.0) { $0 * Double(optionCount($1)) } }

    /// The Pareto-optimal packages with `u ≥ lowerBound`; tags are the option index of each issue.
    package func frontier(progress: ProgressCounter? = nil) -> PointBuffer {
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
    package func count(progress: ProgressCounter? = nil) -> Int {
        inParallel(progress: progress) { CountVisitor() }.reduce(0) { $0 + $1.count }
    }

    /// Runs one visitor per chunk of the space, in parallel when the space is large.
    private func inParallel<Visitor: PackageVisitor>(progress: ProgressCounter?, make: () -> Visitor) -> [Visitor] {
        progress?.expect(size)
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
            total *= optionCount(levels)
            levels += 1
        }
        return (levels, total, min(total, 8 * parallelism))
    }

    /// Enumerates every package whose first `prefixLevels` options, read as a mixed-radix number,
    /// fall in `range`. Progress is counted in packages of the space, skipped ones included.
    private func enumerate<Visitor: PackageVisitor>(
        prefixLevels: Int, range: Range<Int>, progress: ProgressCounter?, visitor: inout Visitor
    ) {
        let n = partyCount, m = issues.count
        guard m > 0, (0..<m).allSatisfy({ optionCount($0) > 0 }), !range.isEmpty else { return }
        // Packages below one node of each level, for progress (capped, only a measure of work).
        var below = [Int](repeating: 1, count: m + 1)
        for k in stride(from: m - 1, through: 0, by: -1) { below[k] = min(below[k + 1] * optionCount(k), 1 << 50) }
        var done = 0

        let partial = UnsafeMutableBufferPointer<Int64>.allocate(capacity: (m + 1) * n)
        let digit = UnsafeMutableBufferPointer<Int>.allocate(capacity: m)
        let chosen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: m)
        defer {
            partial.deallocate()
            digit.deallocate()
            chosen.deallocate()
        }
        partial.initialize(repeating: 0)
        digit.initialize(repeating: 0)
        chosen.initialize(repeating: 0)
        let total = UnsafeBufferPointer(rebasing: partial[(m * n)..<((m + 1) * n)])
        let tags = UnsafeBufferPointer(chosen)

        optionStart.withUnsafeBufferPointer { optionStart in
        options.withUnsafeBufferPointer { options in
        terms.withUnsafeBufferPointer { terms in
        ruleStart.withUnsafeBufferPointer { ruleStart in
        ruleParty.withUnsafeBufferPointer { ruleParty in
        ruleValue.withUnsafeBufferPointer { ruleValue in
        conditionStart.withUnsafeBufferPointer { conditionStart in
        conditionLevel.withUnsafeBufferPointer { conditionLevel in
        conditionOption.withUnsafeBufferPointer { conditionOption in
        remaining.withUnsafeBufferPointer { remaining in
        lowerBound.withUnsafeBufferPointer { lowerBound in
            // Fixes level `k` to its current digit and fills `partial` for level k + 1; false
            // when a forbidden combination ends here or the bound can no longer be met.
            func place(_ k: Int) -> Bool {
                let a = optionStart[k] + digit[k]
                chosen[k] = options[a]
                let base = k * n, next = (k + 1) * n
                for i in 0..<n { partial[next + i] = partial[base + i] &+ terms[a * n + i] }
                var r = ruleStart[k]
                while r < ruleStart[k + 1] {
                    var applies = true
                    var c = conditionStart[r]
                    while c < conditionStart[r + 1] {
                        if chosen[conditionLevel[c]] != conditionOption[c] { applies = false; break }
                        c += 1
                    }
                    if applies {
                        let party = ruleParty[r]
                        if party < 0 { return false }
                        partial[next + party] &+= ruleValue[r]
                    }
                    r += 1
                }
                for i in 0..<n where partial[next + i] &+ remaining[next + i] < lowerBound[i] { return false }
                return true
            }

            for prefix in range {
                // Decode the prefix into the first digits (mixed radix, last prefix level fastest).
                var rest = prefix
                for k in stride(from: prefixLevels - 1, through: 0, by: -1) {
                    digit[k] = rest % optionCount(k)
                    rest /= optionCount(k)
                }
                var valid = true
                for k in 0..<prefixLevels where !place(k) {
                    valid = false
                    break
                }
                guard valid else {
                    done += below[prefixLevels]
                    continue
                }
                if prefixLevels == m {
                    done += 1
                    visitor.visit(total, tags)
                    continue
                }
                var k = prefixLevels
                digit[k] = 0
                while k >= prefixLevels {
                    if digit[k] == optionCount(k) {
                        k -= 1
                        if k >= prefixLevels { digit[k] += 1 }
                        continue
                    }
                    if place(k) {
                        if k == m - 1 {
                            visitor.visit(total, tags)
                        } else {
                            k += 1
                            digit[k] = 0
                            continue
                        }
                    }
                    done += below[k + 1]
                    if done >= 1 << 20, let progress {
                        progress.add(done)
                        done = 0
                    }
                    digit[k] += 1
                }
            }
        }}}}}}}}}}}
        progress?.add(done)
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
    package var count = 0

    mutating func visit(_ utilities: UnsafeBufferPointer<Int64>, _ options: UnsafeBufferPointer<Int32>) {
        count += 1
    }
}
