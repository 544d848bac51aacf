import AccordFrontier
import AccordModel
import AccordSpace
import Foundation

/// What `solve` computes and how.
public struct SolveSettings: Sendable {
    /// The solutions to compute, in output order.
    public var concepts: [SolutionConcept] = SolutionConcept.allCases
    public var method: FrontierMethod = .paretoSum
    /// Acceptable packages are counted when the outcome space has at most this many packages.
    public var countLimit: Double = 1e6
    /// Largest number of packages one enumeration may visit (a fused issue group, or the whole
    /// space with `.enumeration`).
    public var enumerationLimit: Double = DiscreteSpace.defaultEnumerationLimit
    /// Nash over lotteries (probability mixes of frontier packages) instead of pure packages.
    public var lotteries = false

    public init() {}
}

/// The answer of `solve` (DESIGN.md §2.1).
public struct SolveReport: Sendable {
    public var scenario: Scenario
    public var disagreement: [Double]
    /// Size of the outcome space.
    public var packages: Double
    /// Number of acceptable packages; `nil` when counting would need a long enumeration.
    public var acceptable: Int?
    public var frontier: Frontier
    public var solutions: [(concept: SolutionConcept, result: SolutionResult)]
    /// Why there is no agreement zone, when there is none.
    public var noAgreementReason: NoAgreementReason?
    public var seconds: Double
    /// The optimality certificate of the lottery Nash solution: Frank–Wolfe duality gap (log
    /// Nash product) and iterations; `nil` for pure packages.
    public var certificate: (gap: Double, iterations: Int)?
    /// Peak resident memory of the process so far, in bytes (0 where the system does not say).
    public var peakMemory: Int
}

public enum Solver {
    /// Computes the frontier and the requested solutions of a discrete scenario.
    ///
    /// - Throws: `ScenarioError.unsupported` for continuous or divisible issues.
    public static func solve(
        _ scenario: Scenario, file: String, settings: SolveSettings = SolveSettings(), progress: ProgressCounter? = nil
    ) throws(ScenarioError) -> SolveReport {
        let clock = ContinuousClock()
        let start = clock.now
        let space = try DiscreteSpace(scenario, file: file)
        try space.checkEnumerationSize(method: settings.method, limit: settings.enumerationLimit, file: file)
        let frontier = Frontier(space: space, method: settings.method, progress: progress)
        let acceptable = space.packageCount <= settings.countLimit
            ? GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold).count()
            : nil
        let reason = frontier.isEmpty ? noAgreementReason(space, settings: settings.solverSettings, file: file) : nil
        var certificate: (gap: Double, iterations: Int)?
        let solutions = solutions(
            on: frontier, concepts: settings.concepts, noAgreementReason: reason, lotteries: settings.lotteries,
            certificate: &certificate)
        let elapsed = clock.now - start
        return SolveReport(
            scenario: scenario, disagreement: space.disagreement, packages: space.packageCount, acceptable: acceptable,
            frontier: frontier, solutions: solutions, noAgreementReason: reason,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            certificate: certificate, peakMemory: peakResidentMemory())
    }

    /// The solutions on a computed frontier.
    public static func solutions(
        on frontier: Frontier, concepts: [SolutionConcept], noAgreementReason: NoAgreementReason?
    ) -> [(concept: SolutionConcept, result: SolutionResult)] {
        var certificate: (gap: Double, iterations: Int)?
        return solutions(on: frontier, concepts: concepts, noAgreementReason: noAgreementReason, lotteries: false, certificate: &certificate)
    }

    /// The solutions on a computed frontier; with `lotteries`, Nash over probability mixes of
    /// frontier packages (`NashLottery`), whose certificate is returned in `certificate`.
    static func solutions(
        on frontier: Frontier, concepts: [SolutionConcept], noAgreementReason: NoAgreementReason?, lotteries: Bool,
        certificate: inout (gap: Double, iterations: Int)?
    ) -> [(concept: SolutionConcept, result: SolutionResult)] {
        let space = frontier.space
        let power = space.scenario.parties.map(\.power)
        var utilities: [Double] = []
        utilities.reserveCapacity(frontier.count * space.partyCount)
        for k in 0..<frontier.count { utilities.append(contentsOf: frontier.utilities(at: k)) }
        let selector = SolutionSelector(utilities: utilities, disagreement: space.disagreement, power: power) {
            frontier.package(at: $0).lexicographicallyPrecedes(frontier.package(at: $1))
        }
        return concepts.map { concept in
            if let reason = noAgreementReason { return (concept, .noAgreement(reason)) }
            guard let index = selector.select(concept) else {
                return (concept, .noAgreement(.noPositiveGain))
            }
            if lotteries && concept == .nash {
                let lottery = NashLottery.solve(utilities: utilities, disagreement: space.disagreement, power: power, start: index)
                certificate = (lottery.gap, lottery.iterations)
                let shares = lottery.mix.map { entry in
                    LotteryShare(probability: entry.probability, package: frontier.package(at: entry.index).map { .option($0) })
                }
                let likeliest = shares.max { $0.probability < $1.probability }?.package ?? []
                return (concept, .agreement(Agreement(
                    package: likeliest, lottery: shares.count > 1 ? shares : nil, utilities: lottery.utilities,
                    disagreement: space.disagreement, power: power)))
            }
            let agreement = Agreement(
                package: frontier.package(at: index).map { .option($0) }, utilities: frontier.utilities(at: index),
                disagreement: space.disagreement, power: power)
            return (concept, .agreement(agreement))
        }
    }
}

/// Peak resident memory of this process in bytes (`getrusage`; 0 where unavailable).
public func peakResidentMemory() -> Int {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
}
