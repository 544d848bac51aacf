// Frontier suite: the Pareto-sum merge (DESIGN.md §3) and the solutions on its frontier, over
// generated scenarios from 10^3 to 10^100 outcomes, and the enumeration path for non-additive
// spaces. Run from `Benchmarks/`:
//
//   swift package --allow-writing-to-package-directory benchmark --target Frontier
//
// Inputs (scenario and compiled `DiscreteSpace`) are built in each benchmark's `setup`, outside the
// measured closure; the measured closure computes the frontier (and Nash where named) and feeds
// the result to `blackHole`. Every benchmark runs in its own process, so `peakMemoryResident` is
// that benchmark's own peak (its input included). Sizes are in the names: "10^k" is the number of
// outcomes (packages) of the space, 10 options per issue.

import Accord
import Benchmark

let benchmarks: @Sendable () -> Void = {
    // Budgets follow the measured time per iteration on 2 cores (see `Budget`); the whole suite
    // runs in about 3 minutes.

    // Additive utilities: Pareto-sum merge plus the Nash solution on its frontier.
    for k in [3, 4, 6, 8, 10] {
        frontierAndNash(parties: 2, issues: k, budget: .quick)
    }
    for k in [5, 6, 7] {
        frontierAndNash(parties: 3, issues: k, budget: .quick)
    }
    frontierAndNash(parties: 4, issues: 5, budget: .quick)
    frontierAndNash(parties: 4, issues: 6, budget: .quick)
    frontierAndNash(parties: 4, issues: 7, budget: .medium)
    frontierAndNash(parties: 5, issues: 5, budget: .quick)
    frontierAndNash(parties: 5, issues: 6, budget: .medium)
    frontierAndNash(parties: 5, issues: 7, budget: .slow)  // ~6-7 s: n-D skyline of ~15k points

    // Additive utilities, frontier only, at sizes no enumeration could touch.
    frontierOnly(parties: 2, issues: 100, budget: .quick)
    frontierOnly(parties: 3, issues: 10, budget: .quick)
    frontierOnly(parties: 4, issues: 10, budget: .slow)  // ~8 s
    frontierOnly(parties: 5, issues: 8, budget: .slow)  // ~10 s

    // Non-additive utilities: interactions chain every issue into one group, which the merge
    // fuses into one composite issue and enumerates (the whole space).
    nonAdditive(parties: 2, issues: 5, budget: .quick)
    nonAdditive(parties: 2, issues: 6, budget: .medium)
    nonAdditive(parties: 2, issues: 7, budget: .medium)
    nonAdditive(parties: 3, issues: 5, budget: .medium)
    nonAdditive(parties: 3, issues: 6, budget: .medium)
    nonAdditive(parties: 3, issues: 7, budget: .medium)

    // Nonlinear (hyper-rectangle) spaces of the ANAC 2014 shape: the exact frontier by the
    // ε-constraint method over GLPK's branch and cut (`RectangleFrontier`).
    nonlinear(issues: 10, rectangles: 20, budget: .quick)
    nonlinear(issues: 30, rectangles: 60, budget: .slow)

    // The enumeration method on an additive space: the cross-check path, to compare with
    // "Frontier+Nash 2 parties 10^6".
    Benchmark(
        "Enumeration 2 parties 10^6",
        configuration: Budget.medium.configuration
    ) { benchmark, space in
        for _ in benchmark.scaledIterations {
            blackHole(Frontier(space: space, method: .enumeration))
        }
    } setup: {
        try DiscreteSpace(scenario(parties: 2, issues: 6), file: "generated")
    }
}

// MARK: - Benchmarks

/// "Frontier+Nash N parties 10^k": Pareto-sum frontier and the Nash solution on it.
private func frontierAndNash(parties: Int, issues: Int, budget: Budget) {
    Benchmark(
        "Frontier+Nash \(parties) parties 10^\(issues)",
        configuration: budget.configuration
    ) { benchmark, space in
        for _ in benchmark.scaledIterations {
            let frontier = Frontier(space: space)
            let nash = Solver.solutions(on: frontier, concepts: [.nash], noAgreementReason: nil)
            blackHole(nash)
        }
    } setup: {
        try DiscreteSpace(scenario(parties: parties, issues: issues), file: "generated")
    }
}

/// "Frontier N parties 10^k": Pareto-sum frontier only.
private func frontierOnly(parties: Int, issues: Int, budget: Budget) {
    Benchmark(
        "Frontier \(parties) parties 10^\(issues)",
        configuration: budget.configuration
    ) { benchmark, space in
        for _ in benchmark.scaledIterations {
            blackHole(Frontier(space: space))
        }
    } setup: {
        try DiscreteSpace(scenario(parties: parties, issues: issues), file: "generated")
    }
}

/// "Enumeration non-additive N parties 10^k": frontier (default method) of a space whose
/// issues all interact, so the merge has a single group to enumerate.
private func nonAdditive(parties: Int, issues: Int, budget: Budget) {
    Benchmark(
        "Enumeration non-additive \(parties) parties 10^\(issues)",
        configuration: budget.configuration
    ) { benchmark, space in
        for _ in benchmark.scaledIterations {
            blackHole(Frontier(space: space))
        }
    } setup: {
        try DiscreteSpace(chained(scenario(parties: parties, issues: issues, interactions: issues)), file: "generated")
    }
}

/// "Nonlinear frontier 2 parties 10^k": the exact frontier of a seeded random nonlinear space.
private func nonlinear(issues: Int, rectangles: Int, budget: Budget) {
    Benchmark(
        "Nonlinear frontier 2 parties 10^\(issues)",
        configuration: budget.configuration
    ) { benchmark, negotiation in
        for _ in benchmark.scaledIterations {
            blackHole(try RectangleFrontier(negotiation))
        }
    } setup: {
        rectangleSpace(issues: issues, rectangles: rectangles)
    }
}

// MARK: - Inputs

/// Two parties over `issues` integer issues 0…9 (10^issues packages), each with `rectangles`
/// including rectangles of 1–4 bounds on random issues and ranges, utilities 1–100, and a
/// `maxutility` of 70% of the sum (so that the cap at 1 matters), as the ANAC 2014 files are
/// (seed 1).
private func rectangleSpace(issues: Int, rectangles: Int) -> NonlinearNegotiation {
    var random = SeededGenerator(seed: 1)
    let utilities = (0..<2).map { _ -> RectangleUtility in
        let list = (0..<rectangles).map { _ -> RectangleUtility.Rectangle in
            let bounds = (0..<(1 + random.below(4))).map { _ -> RectangleUtility.Bound in
                let a = random.below(10), b = random.below(10)
                return RectangleUtility.Bound(issue: random.below(issues), lower: min(a, b), upper: max(a, b))
            }
            return RectangleUtility.Rectangle(includes: true, bounds: bounds, value: Int64(1 + random.below(100)))
        }
        let total = list.reduce(0) { $0 + $1.value }
        return RectangleUtility(rectangles: list, maximum: Double(total * 7 / 10))
    }
    return NonlinearNegotiation(
        name: "random", issues: (0..<issues).map { .init(id: "i\($0)", lower: 0, upper: 9) },
        parties: [Party(id: "A"), Party(id: "B")], utilities: utilities)
}

/// A generated scenario with 10 options per issue (10^issues outcomes), seed 1.
private func scenario(parties: Int, issues: Int, interactions: Int = 0) -> Scenario {
    var generator = ScenarioGenerator()
    generator.parties = parties
    generator.issues = issues
    generator.options = 10
    generator.interactions = interactions
    generator.seed = 1
    return generator.generate()
}

/// The scenario with one more interaction between each pair of consecutive issues, so that all
/// issues form one group whatever pairs the generator's random interactions picked.
private func chained(_ scenario: Scenario) -> Scenario {
    var result = scenario
    let parties = result.parties.count
    for j in 0..<max(0, result.issues.count - 1) {
        let first = result.issues[j].options?.count ?? 1
        let second = result.issues[j + 1].options?.count ?? 1
        let when = [OptionChoice(issue: j, option: (3 * j + 1) % first), OptionChoice(issue: j + 1, option: (7 * j + 2) % second)]
        let value = j.isMultiple(of: 2) ? 0.125 : -0.125
        result.preferences[j % parties].interactions.append(Interaction(when: when, value: value))
    }
    return result
}

// MARK: - Budgets

/// How long a benchmark may run, so that the whole suite finishes in minutes on 2 cores.
/// `maxDuration` is checked between iterations, so an iteration always completes.
private enum Budget {
    /// Up to ~50 ms per iteration: a warm-up, then up to 100 iterations or 2 s.
    case quick
    /// Up to ~3 s per iteration: a warm-up, then up to 20 iterations or 5 s.
    case medium
    /// Several seconds per iteration: no warm-up, 3 iterations.
    case slow

    var configuration: Benchmark.Configuration {
        let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]
        switch self {
        case .quick:
            return .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(2), maxIterations: 100)
        case .medium:
            return .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 20)
        case .slow:
            return .init(metrics: metrics, warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)
        }
    }
}
