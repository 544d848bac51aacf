import AccordGenerate
import AccordSkyline
import AccordModel
import AccordOptimize
import AccordSolutions
import AccordSpace
import Foundation

/// A Monte Carlo robustness analysis (`accord sensitivity --samples N`): the scenario's
/// uncertain numbers (`Scenario.uncertainty`, and with `noise` every option value) drawn
/// `samples` times, and for each draw the Nash and Kalai–Smorodinsky solutions. Reported: how
/// often each package is each solution (SMAA's rank-1 acceptability), each party's utility under
/// the Nash solution (mean, 5% and 95%), how often an agreement zone exists, and the robust
/// packages — the highest expected Nash product, and the highest probability of being
/// acceptable to every party.
///
/// Candidates. Red lines do not move with the draws, so every draw's solutions are among the
/// packages that cross no red line: those are the candidates, all of them (a provably
/// sufficient set — it contains every draw's frontier), up to `candidateLimit`.
///
/// Evaluation. A package's utility for party i is `Σ_j w_ij v_ij(x_j)` plus its interactions:
/// linear in the package's one-hot features (one per issue and option, one per interaction)
/// with coefficients `w_ij · v_ijo` and the interaction values. The utilities of a block of
/// draws for every candidate are one matrix product, (draws × parties) × features times
/// features × candidates (`cblas_dgemm`). Each draw then picks its solutions in one pass over
/// the candidates, in floating point (draws are continuous; ties within 10^-12 go to Accord's
/// selection rule, `SolutionSelector`, on the tied packages). `Evaluation.scalar` computes the
/// same utilities in a loop, package by package and issue by issue from the drawn scenario's
/// weights and tables: the check of the matrix path, and the baseline of its benchmark.
///
/// Determinism. Draw k's numbers come from its own generator, seeded by the run's seed and k
/// alone; every total is an integer (counts, and the Nash products in fixed point, 2^-60), so
/// the result is the same bits whatever the number of workers or the order blocks finish in.
public struct MonteCarlo: Sendable {
    public enum Evaluation: Sendable { case matrix, scalar }

    public struct Settings: Sendable {
        public var samples: Int
        public var seed: UInt64
        /// The standard deviation of normal noise added to every option value, or `nil`.
        public var noise: Double?
        public var workers: Int
        public var evaluation: Evaluation

        public init(samples: Int, seed: UInt64 = 1, noise: Double? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    evaluation: Evaluation = .matrix) {
            self.samples = samples
            self.seed = seed
            self.noise = noise
            self.workers = workers
            self.evaluation = evaluation
        }
    }

    /// One candidate's totals over the draws.
    public struct PackageStats: Sendable, Equatable {
        public let package: [Int]
        public let nash: Int
        public let kalaiSmorodinsky: Int
        public let acceptable: Int
        /// The Nash product `Π (u_i − d_i)^p_i` (0 where some gain is not positive), summed.
        public let nashProductSum: Double
    }

    /// Most candidate packages (those that cross no red line).
    public static let candidateLimit = 200_000
    /// Most draws in one run.
    public static let sampleLimit = 10_000_000

    public let scenario: Scenario
    public let settings: Settings
    public let candidateCount: Int
    /// The candidates that are the Nash or Kalai–Smorodinsky solution of some draw: most often
    /// Nash first, then Kalai–Smorodinsky, then in package order.
    public let packages: [PackageStats]
    /// The highest expected Nash product (ties: the earlier package), and the highest
    /// probability of being acceptable to every party (ties: the higher expected Nash product,
    /// then the earlier package); `nil` without candidates.
    public let robust: PackageStats?
    public let mostAcceptable: PackageStats?
    /// Each party's utility under each draw's Nash solution (its disagreement utility where
    /// there is none): draw k, party i at `k * n + i`.
    public let nashUtilities: [Double]
    private let nashChoice: [Int32], ksChoice: [Int32]
    private let candidates: [[Int]]

    /// Draw `k`'s Nash and Kalai–Smorodinsky packages (`nil`: none).
    public func solutions(ofDraw k: Int) -> (nash: [Int]?, kalaiSmorodinsky: [Int]?) {
        (nashChoice[k] < 0 ? nil : candidates[Int(nashChoice[k])], ksChoice[k] < 0 ? nil : candidates[Int(ksChoice[k])])
    }
    /// Draws in which some package is acceptable to every party.
    public let agreementZones: Int
    /// Some Nash product exceeded 2^40 and was capped there in the sums (`nashProductSum`).
    public let productsCapped: Bool
    public let seconds: Double

    /// Runs the draws; `progress(done)` is called as blocks of draws finish (any thread).
    /// - Throws: `SensitivityError` when the scenario cannot be sampled (range or divisible
    ///   issues, `normalize: true`, too many candidates, a distribution that cannot be drawn).
    public init(scenario: Scenario, settings: Settings, progress: (@Sendable (Int) -> Void)? = nil) throws(SensitivityError) {
        let start = Date()
        guard settings.samples >= 1, settings.samples <= Self.sampleLimit else {
            throw SensitivityError("--samples must be between 1 and \(Self.sampleLimit); found \(settings.samples)")
        }
        if let noise = settings.noise, !(noise.isFinite && noise > 0) {
            throw SensitivityError("--noise must be a standard deviation above 0; found \(formatNumber(noise))")
        }
        guard !scenario.uncertainty.isEmpty || settings.noise != nil else {
            throw SensitivityError("nothing is uncertain: add an 'uncertainty:' section to the scenario (e.g. B.reservation: {distribution: uniform, min: 0.25, max: 0.35}) or give --noise σ")
        }
        let model = try SampleModel(scenario: scenario, noise: settings.noise)
        self.scenario = scenario
        self.settings = settings
        candidateCount = model.candidates.count

        let n = scenario.parties.count
        // Draws per matrix product: their utilities, parties × candidates each, in 2 MB (2^18
        // doubles), which the pass that follows reads from the cache (8 draws of 3 × 10^4: 10%
        // faster than 64 draws from memory, 20% faster than 2 draws whose products are too thin).
        let block = max(1, min(64, (1 << 18) / max(1, n * model.candidates.count)))
        let blocks = (settings.samples + block - 1) / block
        let workers = max(1, min(settings.workers, blocks))
        let slots = ResultSlots<Result<WorkerTotals, SensitivityError>>(count: workers)
        let work: @Sendable (Int) -> Void = { worker in
            var totals = WorkerTotals(candidates: model.candidates.count)
            do throws(SensitivityError) {
                for b in stride(from: worker, to: blocks, by: workers) {
                    let range = (b * block)..<min(settings.samples, (b + 1) * block)
                    try model.evaluate(range, seed: settings.seed, evaluation: settings.evaluation, into: &totals)
                    progress?(range.count)
                }
                slots.store(worker, .success(totals))
            } catch {
                slots.store(worker, .failure(error))
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }

        var nash = [Int](repeating: 0, count: model.candidates.count), ks = nash, acceptable = nash
        var products = [UInt128](repeating: 0, count: model.candidates.count)
        var utilities = [Double](repeating: 0, count: settings.samples * n)
        var nashChoice = [Int32](repeating: -1, count: settings.samples), ksChoice = nashChoice
        var zones = 0, capped = false
        for result in slots.values {
            let totals = try result.get()
            for p in model.candidates.indices {
                nash[p] += totals.nash[p]
                ks[p] += totals.ks[p]
                acceptable[p] += totals.acceptable[p]
                products[p] &+= totals.products[p]
            }
            for (slot, sample) in totals.samples.enumerated() {
                for i in 0..<n { utilities[sample * n + i] = totals.utilities[slot * n + i] }
                nashChoice[sample] = totals.nashChoice[slot]
                ksChoice[sample] = totals.ksChoice[slot]
            }
            zones += totals.agreementZones
            capped = capped || totals.productsCapped
        }
        let stats = model.candidates.indices.map { p in
            PackageStats(package: model.candidates[p], nash: nash[p], kalaiSmorodinsky: ks[p], acceptable: acceptable[p],
                         nashProductSum: Double(products[p]) * SampleModel.fixedPointUnit)
        }
        packages = stats.indices.filter { stats[$0].nash > 0 || stats[$0].kalaiSmorodinsky > 0 }
            .sorted { (stats[$0].nash, stats[$0].kalaiSmorodinsky, $1) > (stats[$1].nash, stats[$1].kalaiSmorodinsky, $0) }
            .map { stats[$0] }
        robust = stats.indices.max { (products[$0], $1) < (products[$1], $0) }.map { stats[$0] }
        mostAcceptable = stats.indices.max { (acceptable[$0], products[$0], $1) < (acceptable[$1], products[$1], $0) }.map { stats[$0] }
        nashUtilities = utilities
        self.nashChoice = nashChoice
        self.ksChoice = ksChoice
        candidates = model.candidates
        agreementZones = zones
        productsCapped = capped
        seconds = Date().timeIntervalSince(start)
    }

    /// Each party's Nash utility over the draws: mean, and the 5% and 95% quantiles (nearest
    /// rank: the value at rank ⌈q·N⌉ of the sorted draws).
    public var utilitySummary: [(mean: Double, p05: Double, p95: Double)] {
        scenario.parties.indices.map { i in
            let n = scenario.parties.count
            let values = stride(from: i, to: nashUtilities.count, by: n).map { nashUtilities[$0] }.sorted()
            let rank = { (q: Double) in values[max(0, min(values.count - 1, Int((q * Double(values.count)).rounded(.up)) - 1))] }
            return (values.reduce(0, +) / Double(values.count), rank(0.05), rank(0.95))
        }
    }
}

/// What one worker adds up over its blocks of draws.
struct WorkerTotals: Sendable {
    var nash: [Int], ks: [Int], acceptable: [Int]
    var products: [UInt128]
    /// Each draw's index, Nash utilities (n each), and Nash and Kalai–Smorodinsky candidates (-1: none).
    var samples: [Int] = []
    var utilities: [Double] = []
    var nashChoice: [Int32] = [], ksChoice: [Int32] = []
    var agreementZones = 0
    var productsCapped = false

    init(candidates: Int) {
        nash = Array(repeating: 0, count: candidates)
        ks = nash
        acceptable = nash
        products = Array(repeating: 0, count: candidates)
    }
}
