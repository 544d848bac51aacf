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
/// sufficient set — it contains every draw's frontier), up to `candidateLimit`. Beyond, the
/// candidates are the Pareto frontiers of the numbers as given and of the first `pilotDraws`
/// draws, and the result says it is approximate (`candidatesAreSufficient`).
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
        /// Only draws `index`, `index + count`, … (`--shard K/N`); `nil`: every draw.
        public var shard: Shard?

        public init(samples: Int, seed: UInt64 = 1, noise: Double? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    evaluation: Evaluation = .matrix, shard: Shard? = nil) {
            self.samples = samples
            self.seed = seed
            self.noise = noise
            self.workers = workers
            self.evaluation = evaluation
            self.shard = shard
        }

        /// How many draws this run makes: every one, or those of `shard`.
        public var drawCount: Int {
            guard let shard else { return samples }
            return shard.index < samples ? (samples - shard.index + shard.count - 1) / shard.count : 0
        }

        /// The index of the `j`-th draw this run makes.
        func draw(_ j: Int) -> Int { shard.map { $0.index + j * $0.count } ?? j }
    }

    /// One of `count` slices of a run: the draws whose index is `index` modulo `count` (from 0).
    public struct Shard: Sendable, Equatable {
        public let index: Int
        public let count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
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

    /// The noise `accord sensitivity --samples` adds to every option value when the scenario has
    /// no `uncertainty:` section and no `--noise` is given.
    public static let defaultNoise = 0.05

    /// Most candidate packages (those that cross no red line).
    public static let candidateLimit = 200_000
    /// Most draws in one run.
    public static let sampleLimit = 10_000_000

    public let scenario: Scenario
    public let settings: Settings
    public let candidateCount: Int
    /// Whether the candidates are every package that crosses no red line (a set that holds every
    /// draw's solutions); `false` where there were too many and they are the frontiers of the
    /// numbers as given and of the first `SampleModel.pilotDraws` draws: an approximation, which
    /// the reports say.
    public let candidatesAreSufficient: Bool
    /// Draws whose frontiers give the candidates when they are not every package.
    public static var pilotDraws: Int { SampleModel.pilotDraws }
    /// The candidates that are the Nash or Kalai–Smorodinsky solution of some draw: most often
    /// Nash first, then Kalai–Smorodinsky, then in package order.
    public let packages: [PackageStats]
    /// The highest expected Nash product (ties: the earlier package), and the highest
    /// probability of being acceptable to every party (ties: the higher expected Nash product,
    /// then the earlier package); `nil` without candidates.
    public let robust: PackageStats?
    public let mostAcceptable: PackageStats?
    /// Each party's utility under each draw's Nash solution (its disagreement utility where
    /// there is none): the `k`-th draw made, party i at `k * n + i`.
    public let nashUtilities: [Double]
    private let candidates: [[Int]]

    /// The `k`-th draw made's Nash and Kalai–Smorodinsky packages (`nil`: none); for a run of
    /// every draw, draw `k`.
    public func solutions(ofDraw k: Int) -> (nash: [Int]?, kalaiSmorodinsky: [Int]?) {
        let nash = totals.nashChoice[k], ks = totals.ksChoice[k]
        return (nash < 0 ? nil : candidates[Int(nash)], ks < 0 ? nil : candidates[Int(ks)])
    }

    /// Draws in which some package is acceptable to every party.
    public let agreementZones: Int
    /// Some Nash product exceeded 2^40 and was capped there in the sums (`nashProductSum`).
    public let productsCapped: Bool
    public let seconds: Double

    /// What the draws added up to (`accord merge` combines the totals of shards).
    public let totals: MonteCarloTotals

    /// Runs the draws (those of `settings.shard`, when given); `progress(done)` is called as
    /// blocks of draws finish (any thread). A shard's statistics are of its own draws; its
    /// `totals` are what `init(scenario:settings:merging:)` combines.
    /// - Throws: `SensitivityError` when the scenario cannot be sampled (range or divisible
    ///   issues, `normalize: true`, too many candidates, a distribution that cannot be drawn).
    public init(scenario: Scenario, settings: Settings, progress: (@Sendable (Int) -> Void)? = nil) throws(SensitivityError) {
        let start = Date()
        let model = try Self.model(scenario, settings)
        let n = scenario.parties.count
        let draws = settings.drawCount
        // Draws per matrix product: their utilities, parties × candidates each, in 2 MB (2^18
        // doubles), which the pass that follows reads from the cache (8 draws of 3 × 10^4: 10%
        // faster than 64 draws from memory, 20% faster than 2 draws whose products are too thin).
        let block = max(1, min(64, (1 << 18) / max(1, n * model.candidates.count)))
        let blocks = (draws + block - 1) / block
        let workers = max(1, min(settings.workers, blocks))
        let slots = ResultSlots<Result<MonteCarloTotals, SensitivityError>>(count: workers)
        let work: @Sendable (Int) -> Void = { worker in
            var totals = MonteCarloTotals(candidates: model.candidates.count)
            do throws(SensitivityError) {
                for b in stride(from: worker, to: blocks, by: workers) {
                    let slice = ((b * block)..<min(draws, (b + 1) * block)).map(settings.draw)
                    try model.evaluate(slice, seed: settings.seed, evaluation: settings.evaluation, into: &totals)
                    progress?(slice.count)
                }
                slots.store(worker, .success(totals))
            } catch {
                slots.store(worker, .failure(error))
            }
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        var totals = MonteCarloTotals(candidates: model.candidates.count)
        for result in slots.values { totals.add(try result.get()) }
        self.init(scenario: scenario, settings: settings, model: model, totals: totals, seconds: Date().timeIntervalSince(start))
    }

    /// The run whose shards gave `parts` (each shard once, `settings` without a shard): the same
    /// result, bit for bit, as one run of every draw.
    /// - Throws: `SensitivityError` when the parts are not the shards of one run.
    public init(scenario: Scenario, settings: Settings, merging parts: [MonteCarloTotals]) throws(SensitivityError) {
        let model = try Self.model(scenario, settings)
        var totals = MonteCarloTotals(candidates: model.candidates.count)
        for part in parts {
            guard part.nash.count == model.candidates.count else {
                throw SensitivityError("a part counts \(part.nash.count) candidate packages where the scenario has \(model.candidates.count): it is from another scenario")
            }
            totals.add(part)
        }
        var seen = [Bool](repeating: false, count: settings.samples)
        for sample in totals.samples {
            guard sample >= 0, sample < settings.samples, !seen[sample] else {
                throw SensitivityError("draw \(sample) is \(sample >= 0 && sample < settings.samples ? "in two parts" : "outside the run's \(settings.samples) draws")")
            }
            seen[sample] = true
        }
        if let missing = seen.firstIndex(of: false) { throw SensitivityError("draw \(missing) is in no part: a shard is missing") }
        self.init(scenario: scenario, settings: settings, model: model, totals: totals, seconds: 0)
    }

    /// The sampled model, after checking the settings.
    private static func model(_ scenario: Scenario, _ settings: Settings) throws(SensitivityError) -> SampleModel {
        guard settings.samples >= 1, settings.samples <= Self.sampleLimit else {
            throw SensitivityError("--samples must be between 1 and \(Self.sampleLimit); found \(settings.samples)")
        }
        if let noise = settings.noise, !(noise.isFinite && noise > 0) {
            throw SensitivityError("--noise must be a standard deviation above 0; found \(formatNumber(noise))")
        }
        if let shard = settings.shard, !(shard.count >= 1 && shard.index >= 0 && shard.index < shard.count) {
            throw SensitivityError("--shard \(shard.index)/\(shard.count): K counts from 0 and must be below N")
        }
        guard !scenario.uncertainty.isEmpty || settings.noise != nil else {
            throw SensitivityError("nothing is uncertain: add an 'uncertainty:' section to the scenario (e.g. B.reservation: {distribution: uniform, min: 0.25, max: 0.35}) or give --noise σ")
        }
        return try SampleModel(scenario: scenario, noise: settings.noise, seed: settings.seed)
    }

    /// The statistics of `totals`.
    private init(scenario: Scenario, settings: Settings, model: SampleModel, totals unordered: MonteCarloTotals, seconds: Double) {
        let n = scenario.parties.count, candidates = model.candidates
        candidatesAreSufficient = model.sufficient
        self.scenario = scenario
        self.settings = settings
        self.seconds = seconds
        self.candidates = candidates
        candidateCount = candidates.count
        // Per-draw results in draw order, whatever order the blocks and parts came in.
        var totals = unordered
        let order = totals.samples.indices.sorted { totals.samples[$0] < totals.samples[$1] }
        totals.samples = order.map { unordered.samples[$0] }
        totals.nashChoice = order.map { unordered.nashChoice[$0] }
        totals.ksChoice = order.map { unordered.ksChoice[$0] }
        totals.utilities = order.flatMap { slot in (0..<n).map { unordered.utilities[slot * n + $0] } }
        self.totals = totals
        let products = totals.products, acceptable = totals.acceptable
        let stats = candidates.indices.map { p in
            PackageStats(package: candidates[p], nash: totals.nash[p], kalaiSmorodinsky: totals.ks[p], acceptable: acceptable[p],
                         nashProductSum: Double(products[p]) * SampleModel.fixedPointUnit)
        }
        packages = stats.indices.filter { stats[$0].nash > 0 || stats[$0].kalaiSmorodinsky > 0 }
            .sorted { (stats[$0].nash, stats[$0].kalaiSmorodinsky, $1) > (stats[$1].nash, stats[$1].kalaiSmorodinsky, $0) }
            .map { stats[$0] }
        robust = stats.indices.max { (products[$0], $1) < (products[$1], $0) }.map { stats[$0] }
        mostAcceptable = stats.indices.max { (acceptable[$0], products[$0], $1) < (acceptable[$1], products[$1], $0) }.map { stats[$0] }
        nashUtilities = totals.utilities
        agreementZones = totals.agreementZones
        productsCapped = totals.productsCapped
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

/// What draws add up to: per candidate, how often it is the Nash and the Kalai–Smorodinsky
/// solution and acceptable, and its Nash products summed in fixed point (2^-60); per draw, its
/// index, the Nash utilities (n each) and both solutions' candidates (-1: none). Sums of
/// integers, so adding totals in any order gives the same totals.
public struct MonteCarloTotals: Sendable, Equatable {
    public var nash: [Int], ks: [Int], acceptable: [Int]
    public var products: [UInt128]
    public var samples: [Int] = []
    public var utilities: [Double] = []
    public var nashChoice: [Int32] = [], ksChoice: [Int32] = []
    public var agreementZones = 0
    public var productsCapped = false

    public init(candidates: Int) {
        nash = Array(repeating: 0, count: candidates)
        ks = nash
        acceptable = nash
        products = Array(repeating: 0, count: candidates)
    }

    /// Adds `other`'s counts and appends its draws.
    mutating func add(_ other: MonteCarloTotals) {
        for p in nash.indices where p < other.nash.count {
            nash[p] += other.nash[p]
            ks[p] += other.ks[p]
            acceptable[p] += other.acceptable[p]
            products[p] &+= other.products[p]
        }
        samples += other.samples
        utilities += other.utilities
        nashChoice += other.nashChoice
        ksChoice += other.ksChoice
        agreementZones += other.agreementZones
        productsCapped = productsCapped || other.productsCapped
    }
}
