// Reading suite: `Scenario.parse` of a JSON scenario (the JSON composer, the decoder and the
// validation) on the Eisenberg–Gale instances of the peer comparison (Benchmarks/peers), n
// parties × m divisible goods, each party's value of each good `[[0, 0], [1, a]]`: n·m such
// entries (250,000 at 500 × 500, 11 MB of JSON). Run from `Benchmarks/`:
//
//   swift package --allow-writing-to-package-directory benchmark --target Reading
//
// Each text is built in `setup`, outside the measured closure (seed = 1000·n + m): values
// uniform in (0, 1], powers in [0.5, 2], reservations in [0, 0.001), written by Accord's own
// JSON writer. The measured closure reads the text into a scenario; a text that does not load
// fails the benchmark.

import Accord
import Benchmark
import Foundation

let benchmarks: @Sendable () -> Void = {
    for (parties, goods) in [(100, 500), (200, 200), (500, 500)] {
        Benchmark(
            "Read JSON EG \(parties)x\(goods)",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
                maxDuration: .seconds(5), maxIterations: 50)
        ) { benchmark, text in
            for _ in benchmark.scaledIterations {
                blackHole(try Scenario.parse(data: text, file: "eg.json", format: .json))
            }
        } setup: {
            try eisenbergGaleJSON(parties: parties, goods: goods, seed: UInt64(1000 * parties + goods))
        }
    }
}

/// The `n × m` Eisenberg–Gale scenario as JSON text: party `i` values its own share of good `k`
/// linearly, `a_ik` per unit, with weight 1 on every good.
func eisenbergGaleJSON(parties n: Int, goods m: Int, seed: UInt64) throws -> Data {
    var rng = SeededGenerator(seed: seed)
    let issues = (0..<m).map { Issue(id: "g\($0 + 1)", domain: .divisible) }
    let parties = (0..<n).map { Party(id: "P\($0 + 1)", reservation: 0.001 * rng.unit(), power: 0.5 + 1.5 * rng.unit()) }
    let preferences = (0..<n).map { _ in
        Preference(
            weights: Array(repeating: 1, count: m),
            values: (0..<m).map { _ in .piecewise([.init(x: 0, value: 0), .init(x: 1, value: 1 - rng.unit())]) })
    }
    let scenario = try Scenario(name: "Eisenberg-Gale \(n)x\(m)", parties: parties, issues: issues, preferences: preferences)
    return Data(scenario.jsonDocument.rendered().utf8)
}
