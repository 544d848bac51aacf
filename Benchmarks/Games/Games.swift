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
//
// TU games of 20 players (the issue's sizes): "Shapley 20 players" (subset enumeration, 2^20
// coalitions) and "Nucleolus 20 players" (sequential LPs with constraint generation) on a seeded
// game with v(S) = (Σ_{i∈S} a_i)^2 / Σ a_i + a bonus in [0, 1) per coalition (a_i uniform in
// [1, 10)); "Coalitions --transfers 20 parties" is the whole analysis of a generated 20-party
// scenario (6 issues × 4 options, reservations at 60% of each party's best, a 60% majority):
// acceptance table, v(S) for all 2^20 coalitions, Shapley, core, nucleolus, power.

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
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 0,
        maxDuration: .seconds(60), maxIterations: 5)
    Benchmark("Shapley 20 players", configuration: slow) { benchmark, game in
        for _ in benchmark.scaledIterations { blackHole(game.shapleyValue()) }
    } setup: {
        try quadraticGame(players: 20, seed: 20)
    }
    Benchmark("Nucleolus 20 players", configuration: slow) { benchmark, game in
        for _ in benchmark.scaledIterations { blackHole(try game.nucleolus().get()) }
    } setup: {
        try quadraticGame(players: 20, seed: 20)
    }
    Benchmark("Coalitions --transfers 20 parties", configuration: slow) { benchmark, problem in
        for _ in benchmark.scaledIterations { blackHole(try CoalitionAnalysis.analyze(problem, transfers: true)) }
    } setup: {
        var generator = ScenarioGenerator()
        generator.parties = 20
        generator.issues = 6
        generator.options = 4
        generator.reservation = 0.6
        generator.seed = 3
        var scenario = generator.generate()
        scenario.decisionRule = DecisionRule(kind: .majority, quota: 0.6)
        return try BargainingProblem(scenario.validated(file: "generated"), file: "generated", concepts: [.nash])
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

/// `v(S) = (Σ_{i∈S} a_i)^2 / Σ_i a_i + bonus_S`, `a_i` uniform in [1, 10), bonus uniform in [0, 1).
func quadraticGame(players n: Int, seed: UInt64) throws -> TransferableUtilityGame {
    var rng = SeededGenerator(seed: seed)
    let a = (0..<n).map { _ in 1 + 9 * rng.unit() }
    let total = a.reduce(0, +)
    let bonus = (0..<(1 << n)).map { _ in rng.unit() }
    return try TransferableUtilityGame(playerCount: n) { coalition in
        guard !coalition.isEmpty else { return 0 }
        let sum = coalition.members.reduce(0.0) { $0 + a[$1] }
        return sum * sum / total + bonus[Int(coalition.bits)]
    }
}
