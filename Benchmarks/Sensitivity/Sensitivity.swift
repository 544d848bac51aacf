// Sensitivity suite: the Monte Carlo of `accord sensitivity --samples` at the size the issue
// names — 10^5 draws × 10^4 candidate packages × 3 parties — by the matrix product
// (`cblas_dgemm` on one-hot package features) and by the scalar loop it replaces; and the
// tornado of Blue Harbor. Run from `Benchmarks/`:
//
//   swift package --allow-writing-to-package-directory benchmark --target Sensitivity
//
// The scenario is seeded (`ScenarioGenerator`: 3 parties, 4 issues of 10 options = 10^4
// packages, no red lines, two interactions, reservations at 40% of each party's best) with
// four uncertain numbers and noise σ = 0.02 on every option value; both paths run on 2 workers.

import Accord
import Benchmark
import Foundation

let benchmarks: @Sendable () -> Void = {
    for evaluation in [MonteCarlo.Evaluation.matrix, .scalar] {
        Benchmark(
            "Monte Carlo 1e5 draws x 1e4 packages x 3 parties (\(evaluation))",
            configuration: .init(metrics: [.wallClock, .peakMemoryResident], timeUnits: .seconds, warmupIterations: 0,
                                 maxDuration: .seconds(120), maxIterations: 2)
        ) { benchmark, scenario in
            for _ in benchmark.scaledIterations {
                let settings = MonteCarlo.Settings(samples: 100_000, seed: 1, noise: 0.02, workers: 2, evaluation: evaluation)
                blackHole(try MonteCarlo(scenario: scenario, settings: settings))
            }
        } setup: {
            try uncertainScenario()
        }
    }
    Benchmark(
        "Tornado Blue Harbor 20%",
        configuration: .init(metrics: [.wallClock], timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark, scenario in
        for _ in benchmark.scaledIterations { blackHole(try Tornado(scenario: scenario, fraction: 0.2, file: "blue-harbor-discrete.yaml")) }
    } setup: {
        try Scenario.load(path: "../Data/blue-harbor-discrete.yaml")
    }
}

/// The Monte Carlo scenario: 10^4 packages, 3 parties, four uncertain numbers.
func uncertainScenario() throws -> Scenario {
    var generator = ScenarioGenerator()
    generator.parties = 3
    generator.issues = 4
    generator.options = 10
    generator.interactions = 2
    generator.reservation = 0.4
    generator.seed = 2026
    var scenario = generator.generate()
    let ids = scenario.parties.map(\.id), issues = scenario.issues.map(\.id)
    scenario.uncertainty = [
        Uncertainty(parameter: try SensitivityParameter("\(ids[0]).reservation", in: scenario), distribution: .uniform(min: 0.3, max: 0.5)),
        Uncertainty(parameter: try SensitivityParameter("\(ids[1]).weights.\(issues[0])", in: scenario),
                    distribution: .normal(mean: scenario.preferences[1].weights[0], sd: 0.05, min: nil, max: nil)),
        Uncertainty(parameter: try SensitivityParameter("\(ids[2]).power", in: scenario), distribution: .triangular(min: 0.5, mode: 1, max: 2)),
        Uncertainty(parameter: try SensitivityParameter("\(ids[2]).weights.\(issues[3])", in: scenario),
                    distribution: .uniform(min: 0, max: 2 * scenario.preferences[2].weights[3])),
    ]
    return scenario
}
