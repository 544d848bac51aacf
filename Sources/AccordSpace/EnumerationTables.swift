import AccordModel

/// The flat tables a `GroupEnumerator` reads in its hot loop, built once per group.
///
/// Level `k` is the `k`-th enumerated issue. Every table is a column of one of three arrays (one
/// per element type), so the hot loop reaches all eleven through a single `withUnsafeTables`:
/// no allocation, no reference counting and no bounds-checked array access per package.
///
/// - Allowed options of level `k`: `options[optionStart[k]..<optionStart[k + 1]]`.
/// - Party `i`'s term for allowed option `a` (flat index over all levels): `terms[a · n + i]`.
/// - Rules ending at level `k` (their last issue is level `k`): `ruleStart[k]..<ruleStart[k + 1]`.
///   A rule is an interaction (`ruleParty[r] ≥ 0`: adds `ruleValue[r]` to that party) or a
///   forbidden combination (`ruleParty[r] == -1`, listed first at its level so a forbidden package
///   is dropped before any other work); it applies when every condition
///   `c ∈ conditionStart[r]..<conditionStart[r + 1]` holds: level `conditionLevel[c]` has option
///   `conditionOption[c]`.
/// - `remaining[k · n + i]`: the most levels `k...` can add to party `i` (best option of every
///   level plus every positive interaction), an upper bound used to prune prefixes.
/// - `lowerBound[i]`: packages with `u_i < lowerBound[i]` are dropped.
struct EnumerationTables: Sendable {
    let partyCount: Int
    let levelCount: Int
    /// Number of allowed options of each level.
    let optionCounts: [Int]
    /// `optionStart`, `ruleStart`, `ruleParty`, `conditionStart`, `conditionLevel`, end to end.
    private let integers: [Int]
    /// `terms`, `ruleValue`, `remaining`, `lowerBound`, end to end.
    private let utilities: [Int64]
    /// `options`, `conditionOption`, end to end.
    private let choices: [Int32]
    private let integerColumns: [Range<Int>]
    private let utilityColumns: [Range<Int>]
    private let choiceColumns: [Range<Int>]

    /// - Parameter lowerBound: keep only packages with `u_i ≥ lowerBound[i]`.
    /// - Complexity: O(n · A + C) for A allowed options over all levels and C rule conditions.
    init(space: DiscreteSpace, issues: [Int], lowerBound: [Int64]) {
        let n = space.partyCount, m = issues.count
        partyCount = n
        levelCount = m
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
        optionCounts = (0..<m).map { optionStart[$0 + 1] - optionStart[$0] }

        // Rules, grouped by the level of their last issue; forbidden combinations first.
        var rulesAt = [[(party: Int, value: Int64, conditions: [OptionChoice])]](repeating: [], count: m)
        for interaction in space.interactions {
            let levels = interaction.when.compactMap { levelOf[$0.issue] }
            guard levels.count == interaction.when.count, let last = levels.max() else { continue }
            rulesAt[last].append((interaction.party, interaction.value, interaction.when))
        }
        for combination in space.forbiddenCombinations {
            let levels = combination.compactMap { levelOf[$0.issue] }
            guard levels.count == combination.count, let last = levels.max() else { continue }
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

        (integers, integerColumns) = Self.pack([optionStart, ruleStart, ruleParty, conditionStart, conditionLevel])
        (utilities, utilityColumns) = Self.pack([terms, ruleValue, remaining, lowerBound])
        (choices, choiceColumns) = Self.pack([options, conditionOption])
    }

    /// Columns stored end to end, and the range of each.
    private static func pack<Element>(_ columns: [[Element]]) -> ([Element], [Range<Int>]) {
        var storage: [Element] = [], ranges: [Range<Int>] = []
        for column in columns {
            ranges.append(storage.count..<(storage.count + column.count))
            storage.append(contentsOf: column)
        }
        return (storage, ranges)
    }

    /// Largest utility each party can get from these levels (`remaining` of level 0).
    var upperBound: [Int64] {
        Array(utilities[utilityColumns[2]].prefix(partyCount))
    }

    /// Calls `body` with pointers to every table, valid for the duration of the call.
    func withUnsafeTables<Result>(_ body: (View) -> Result) -> Result {
        integers.withUnsafeBufferPointer { integers in
            utilities.withUnsafeBufferPointer { utilities in
                choices.withUnsafeBufferPointer { choices in
                    body(View(
                        optionStart: UnsafeBufferPointer(rebasing: integers[integerColumns[0]]),
                        ruleStart: UnsafeBufferPointer(rebasing: integers[integerColumns[1]]),
                        ruleParty: UnsafeBufferPointer(rebasing: integers[integerColumns[2]]),
                        conditionStart: UnsafeBufferPointer(rebasing: integers[integerColumns[3]]),
                        conditionLevel: UnsafeBufferPointer(rebasing: integers[integerColumns[4]]),
                        terms: UnsafeBufferPointer(rebasing: utilities[utilityColumns[0]]),
                        ruleValue: UnsafeBufferPointer(rebasing: utilities[utilityColumns[1]]),
                        remaining: UnsafeBufferPointer(rebasing: utilities[utilityColumns[2]]),
                        lowerBound: UnsafeBufferPointer(rebasing: utilities[utilityColumns[3]]),
                        options: UnsafeBufferPointer(rebasing: choices[choiceColumns[0]]),
                        conditionOption: UnsafeBufferPointer(rebasing: choices[choiceColumns[1]])))
                }
            }
        }
    }

    /// The tables as pointers (see the type's documentation for what each holds); valid only
    /// inside `withUnsafeTables`.
    struct View {
        let optionStart: UnsafeBufferPointer<Int>
        let ruleStart: UnsafeBufferPointer<Int>
        let ruleParty: UnsafeBufferPointer<Int>
        let conditionStart: UnsafeBufferPointer<Int>
        let conditionLevel: UnsafeBufferPointer<Int>
        let terms: UnsafeBufferPointer<Int64>
        let ruleValue: UnsafeBufferPointer<Int64>
        let remaining: UnsafeBufferPointer<Int64>
        let lowerBound: UnsafeBufferPointer<Int64>
        let options: UnsafeBufferPointer<Int32>
        let conditionOption: UnsafeBufferPointer<Int32>

        /// Number of allowed options of level `k`.
        @inline(__always)
        func optionCount(_ k: Int) -> Int { optionStart[k + 1] - optionStart[k] }
    }
}
