// Continuous suite: the Nash interior point (`ConcaveProgram.solveNash`) on Eisenberg–Gale
// programs, n parties × m linear divisible goods, the sizes of the peer comparison
// (Benchmarks/peers), and the ideal point of square ones. Run from `Benchmarks/`:
//
//   swift package --allow-writing-to-package-directory benchmark --target Continuous
//
// Instances are seeded (seed = 1000·n + m) and built in `setup`, outside the measured closure:
// values uniform in (0, 1], powers in [0.5, 2], reservations in [0, 0.01), shares in [0, 1].
// The measured closure is the whole solve (validation, segment form, interior point,
// certificate); a solve that does not end `solved` fails the benchmark.

import Accord
import Benchmark

let benchmarks: @Sendable () -> Void = {
    for (parties, goods) in [(10, 50), (50, 200), (100, 500), (200, 200), (500, 500), (200, 1000)] {
        Benchmark(
            "Nash EG \(parties)x\(goods)",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
                maxDuration: .seconds(5), maxIterations: 50)
        ) { benchmark, program in
            for _ in benchmark.scaledIterations {
                let solution = try program.solveNash()
                guard solution.status == .solved else { throw UnsolvedError(status: "\(solution.status)") }
                blackHole(solution)
            }
        } setup: {
            eisenbergGale(parties: parties, goods: goods, seed: UInt64(1000 * parties + goods))
        }
    }
    // The ideal point (Kalai–Smorodinsky's first step) from the Nash solution as reference, as
    // `accord solve` runs it: bound points, compensation points, LPs for the parties left.
    for size in [50, 100, 200] {
        Benchmark(
            "Ideal point EG \(size)x\(size)",
            configuration: .init(
                metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
                maxDuration: .seconds(10), maxIterations: 20)
        ) { (benchmark: Benchmark, instance: IdealInstance) in
            for _ in benchmark.scaledIterations {
                let ideal = instance.program.idealPoint(reference: (instance.shares, instance.rangeValues))
                guard ideal.status == .solved else { throw UnsolvedError(status: "\(ideal.status)") }
                blackHole(ideal)
            }
        } setup: {
            let program = eisenbergGale(parties: size, goods: size, seed: UInt64(1001 * size))
            let nash = try program.solveNash()
            guard nash.status == .solved else { throw UnsolvedError(status: "\(nash.status)") }
            return IdealInstance(program: program, shares: nash.shares, rangeValues: nash.rangeValues)
        }
    }
}

/// A program with its Nash solution, the ideal point's reference.
struct IdealInstance {
    let program: ConcaveProgram
    let shares: [[Double]]
    let rangeValues: [Double]
}

struct UnsolvedError: Error {
    let status: String
}

/// `n × m` Eisenberg–Gale: `u_i = Σ_k a_ik x_ki`, `a_ik` uniform in (0, 1].
func eisenbergGale(parties n: Int, goods m: Int, seed: UInt64) -> ConcaveProgram {
    var rng = SeededGenerator(seed: seed)
    let goods = (0..<m).map { _ in
        ConcaveProgram.Good(
            lower: Array(repeating: 0, count: n), upper: Array(repeating: 1, count: n),
            value: (0..<n).map { _ in PiecewiseLinear(slope: 1 - rng.unit()) })
    }
    let power = (0..<n).map { _ in 0.5 + 1.5 * rng.unit() }
    let disagreement = (0..<n).map { _ in 0.01 * rng.unit() }
    return ConcaveProgram(
        parties: n, power: power, disagreement: disagreement, constant: Array(repeating: 0, count: n), goods: goods,
        ranges: [])
}
