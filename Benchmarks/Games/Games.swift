// Games suite: exact voting power (`VotingPower`: Shapley–Shubik and Banzhaf together) of a
// weighted rule with a member threshold over 195 parties, the size of a UN-wide treaty. Run from
// `Benchmarks/`:
//
//   swift package --allow-writing-to-package-directory benchmark --target Games
//
// The rule is built in `setup`, outside the measured closure (seed 195): population-like weights
// `max(1, ⌊1400 · u^33⌋)` for u uniform in [0, 1) — a few parties near 1400, most at 1–10, total
// ≈ 8,000 (millions of people) — a 65 % weight quota and a 55 % member threshold (108 of 195).
// (Seed 195 gives total 6,344, largest 1,301, 28 distinct weights.) "Minimal winning 195 parties"
// counts the minimal winning coalitions of the same rule. "Voting power 195 distinct weights" is
// the worst case of the per-weight removal: weights 1…195 (total 19,110), the same quotas.

import Accord
import Benchmark
import Foundation

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(10), maxIterations: 20)
    Benchmark("Voting power 195 parties", configuration: configuration) { benchmark, rule in
        for _ in benchmark.scaledIterations { blackHole(try VotingPower(rule)) }
    } setup: {
        try populationRule(parties: 195, seed: 195)
    }
    Benchmark("Voting power 195 distinct weights", configuration: configuration) { benchmark, rule in
        for _ in benchmark.scaledIterations { blackHole(try VotingPower(rule)) }
    } setup: {
        try WeightedVotingRule(weights: Array(1...195), weightQuota: 12_422, countQuota: 108)
    }
    Benchmark("Minimal winning 195 parties", configuration: configuration) { benchmark, rule in
        for _ in benchmark.scaledIterations { blackHole(try rule.minimalWinningCount()) }
    } setup: {
        try populationRule(parties: 195, seed: 195)
    }
}

/// `n` parties with population-like weights, a 65 % weight quota and a 55 % member threshold.
func populationRule(parties n: Int, seed: UInt64) throws -> WeightedVotingRule {
    var rng = SeededGenerator(seed: seed)
    let weights = (0..<n).map { _ in max(1, Int(1400 * pow(rng.unit(), 33))) }
    let total = weights.reduce(0, +)
    return try WeightedVotingRule(
        weights: weights, weightQuota: Int((0.65 * Double(total)).rounded(.up)), countQuota: Int((0.55 * Double(n)).rounded(.up)))
}
