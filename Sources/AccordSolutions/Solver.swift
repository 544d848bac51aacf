import AccordFrontier
import AccordModel
import AccordOptimize
import AccordSpace
import Foundation

/// A validated bargaining problem (the `Problem` of a Clarabel-shaped API): a scenario compiled
/// into its exact discrete space, and what to compute on it. Construction checks everything that
/// does not depend on the settings; the size checks that do are made by `Solver.solve` and
/// reported as its status.
public struct BargainingProblem: Sendable {
    public let scenario: Scenario
    /// The file named in messages.
    public let file: String
    /// The exact discrete space of a scenario whose issues are all discrete; `nil` when it has
    /// range or divisible issues (then `concave` holds the problem).
    public let space: DiscreteSpace?
    /// A scenario with range or divisible issues, split into its discrete space and a concave
    /// program (`nil` when every issue is discrete).
    public let concave: ConcavePart?
    /// The solutions to compute, in output order.
    public var concepts: [SolutionConcept]
    /// Nash, Kalai–Smorodinsky and egalitarian over lotteries (probability mixes of packages)
    /// instead of pure packages.
    public var lotteries: Bool
    /// The red lines a no-agreement reason may name (`nil`: all of them); the others belong to
    /// the problem's definition and are always kept (linkage holds the issues outside a track at
    /// their status quo with red lines of its own). References to red lines the scenario does
    /// not have are ignored.
    public var explainableRedLines: [RedLineReference]?

    /// `explainableRedLines` that exist in the scenario.
    var namedRedLines: [RedLineReference]? {
        explainableRedLines.map { $0.filter { scenario.preferences.indices.contains($0.party) && scenario.preferences[$0.party].redLines.indices.contains($0.index) } }
    }

    /// With range or divisible issues and `normalize: true`, `scenario` becomes the rescaled one
    /// (`Scenario.normalizedUtilities(file:)`), so that every utility reported is normalized.
    ///
    /// - Throws: `ScenarioError.unsupported` when the scenario cannot be compiled.
    public init(
        _ scenario: Scenario, file: String, concepts: [SolutionConcept] = SolutionConcept.allCases, lotteries: Bool = false
    ) throws(ScenarioError) {
        self.file = file
        if scenario.issues.allSatisfy({ $0.options != nil }) {
            self.scenario = scenario
            space = try DiscreteSpace(scenario, file: file)
            concave = nil
        } else {
            let rescaled = scenario.normalize ? try scenario.normalizedUtilities(file: file) : scenario
            self.scenario = rescaled
            space = nil
            concave = try ConcavePart(rescaled, file: file)
        }
        self.concepts = concepts
        self.lotteries = lotteries
    }
}

/// How a solve ended.
public enum SolveStatus: Sendable, Equatable {
    /// The frontier and every requested solution were computed (to the settings' tolerances).
    case solved
    /// No package is acceptable to every party: the solutions are `nil`, the reason says why.
    case noAgreementZone
    /// An iterative method (the lottery Nash solution) reached `SolverSettings.maxIterations`
    /// before its gap met `SolverSettings.lotteryGap`; the answer is the last iterate, and `Info`
    /// carries its gap.
    case iterationLimit
    /// The computation was not started: it would exceed a limit of the settings.
    case refused(Refusal)
    /// The computation was not started: a setting is out of its domain (see `SolverSettings.problem`).
    case invalidSettings(setting: String, requirement: String)
    /// The interior point or an LP of a continuous problem failed numerically (`detail` says
    /// where); no answer is given.
    case numericalTrouble(detail: String)
}

/// What a solve cost and how sure it is (the `Info` of a Clarabel-shaped API).
public struct SolveInfo: Sendable, Equatable {
    /// Wall-clock time of the solve.
    public var seconds: Double
    public var method: FrontierMethod
    /// Iterations of the lottery Nash solution (`nil` for pure packages); with continuous issues,
    /// the interior point's Newton iterations (and with lotteries the Frank–Wolfe ones) in all.
    public var iterations: Int?
    /// Frank–Wolfe duality gap of the lottery Nash solution, or with continuous issues the largest
    /// certified duality gap of the interior point, the LPs and, with lotteries, of the column
    /// generation (`ConcaveSearch.lottery`): an upper bound on the optimum's advantage in the
    /// objective (`nil` for pure discrete packages).
    public var gap: Double?
    /// Peak resident memory of the process so far, in bytes (0 where the system does not say).
    public var peakMemory: Int
}

/// The answer of `solve` (the `Solution` of a Clarabel-shaped API; DESIGN.md §2.1).
public struct BargainingSolution: Sendable {
    public var status: SolveStatus
    public var info: SolveInfo
    public var scenario: Scenario
    public var disagreement: [Double]
    /// Size of the outcome space; `nil` with range or divisible issues (a continuum).
    public var packages: Double?
    /// Number of acceptable packages; `nil` when counting would need a long enumeration, and with
    /// range or divisible issues.
    public var acceptable: Int?
    /// The acceptable Pareto frontier; `nil` when the solve was refused. With range or divisible
    /// issues, the frontier of the discrete issues alone (each of its packages was completed by a
    /// concave solve), `nil` when every issue is continuous.
    public var frontier: Frontier?
    /// With two parties and continuous issues: the vertices of the exact frontier curve
    /// (`ConcaveProgram.twoPartyFrontier`) when every issue is continuous.
    public var curve: [FrontierVertex]?
    /// Whether the scenario has range or divisible issues.
    public var isContinuous: Bool
    /// Lotteries were asked for on range or divisible issues whose utility set is convex (one
    /// Pareto-optimal discrete package or none, every value concave): no lottery beats the pure
    /// solutions, which are the answer (`ConcaveSearch.utilitySetIsConvex` says why).
    public var lotteriesArePure = false
    public var solutions: [(concept: SolutionConcept, result: SolutionResult)]
    /// Why there is no agreement zone, when there is none.
    public var noAgreementReason: NoAgreementReason?

    /// Number of frontier packages (0 when refused).
    public var frontierSize: Int { frontier?.count ?? 0 }
}

public enum Solver {
    /// The acceptable Pareto frontier of a discrete problem, or the refusal of the settings'
    /// limits (a problem with range or divisible issues is refused: see `continuousFrontier(of:)`).
    ///
    /// - Complexity: see `Frontier.init`; refused before any enumeration beyond
    ///   `settings.maxEnumeration` packages and before point buffers beyond `settings.maxMemory`
    ///   bytes (`Refusal.memoryBudget`).
    public static func frontier(
        of problem: BargainingProblem, settings: SolverSettings = SolverSettings(), progress: ProgressCounter? = nil
    ) -> Result<Frontier, Refusal> {
        Result { () throws(Refusal) in
            // A continuous problem's frontier is `continuousFrontier(of:)`; its discrete part's
            // frontier (with lowered reservations) is not the problem's.
            guard let space = problem.space else {
                let issue = problem.scenario.issues.first { $0.options == nil }
                throw Refusal.unsupportedIssue(issue: issue?.id ?? "", kind: issue?.domain.kindName ?? "continuous")
            }
            return try Frontier(space: space, settings: settings, progress: progress)
        }
    }

    /// Computes the frontier and the requested solutions of a problem.
    ///
    /// Never throws: a refusal (a limit of `settings`) and an empty agreement zone are statuses.
    public static func solve(
        _ problem: BargainingProblem, settings: SolverSettings = SolverSettings(), progress: ProgressCounter? = nil
    ) -> BargainingSolution {
        let clock = ContinuousClock()
        let start = clock.now
        var info = SolveInfo(seconds: 0, method: settings.method, iterations: nil, gap: nil, peakMemory: 0)
        var solution = BargainingSolution(
            status: .solved, info: info, scenario: problem.scenario, disagreement: problem.concave?.disagreement ?? problem.space?.disagreement ?? [],
            packages: problem.space?.packageCount, acceptable: nil, frontier: nil, curve: nil, isContinuous: problem.concave != nil,
            solutions: [], noAgreementReason: nil)
        func finish() -> BargainingSolution {
            let elapsed = clock.now - start
            solution.info.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            solution.info.peakMemory = peakResidentMemory()
            return solution
        }
        if let invalid = settings.problem {
            solution.status = .invalidSettings(setting: invalid.setting, requirement: invalid.requirement)
            return finish()
        }
        guard let space = problem.space else {
            if let part = problem.concave { solveConcave(part, problem: problem, settings: settings, progress: progress, into: &solution) }
            return finish()
        }
        let frontier: Frontier
        switch Self.frontier(of: problem, settings: settings, progress: progress) {
        case .failure(let refusal):
            solution.status = .refused(refusal)
            return finish()
        case .success(let computed):
            frontier = computed
        }
        solution.frontier = frontier
        if space.packageCount <= settings.countLimit {
            solution.acceptable = GroupEnumerator(space: space, issues: Array(0..<space.issueCount), lowerBound: space.threshold).count()
        }
        let reason = frontier.isEmpty ? noAgreementReason(space, candidates: problem.namedRedLines, settings: settings, file: problem.file) : nil
        solution.noAgreementReason = reason
        if reason != nil { solution.status = .noAgreementZone }
        let computed = solutions(
            on: frontier, concepts: problem.concepts, noAgreementReason: reason, lotteries: problem.lotteries, settings: settings)
        solution.solutions = computed.solutions
        if let lottery = computed.lottery {
            info = solution.info
            info.iterations = lottery.iterations
            info.gap = lottery.gap
            solution.info = info
            if lottery.reachedIterationLimit { solution.status = .iterationLimit }
        }
        return finish()
    }

    /// The solutions on a computed frontier (pure packages).
    public static func solutions(
        on frontier: Frontier, concepts: [SolutionConcept], noAgreementReason: NoAgreementReason?, settings: SolverSettings = SolverSettings()
    ) -> [(concept: SolutionConcept, result: SolutionResult)] {
        solutions(on: frontier, concepts: concepts, noAgreementReason: noAgreementReason, lotteries: false, settings: settings).solutions
    }

    /// The solutions on a computed frontier; with `lotteries`, Nash over probability mixes of
    /// frontier packages (`NashLottery`), returned with the lottery's convergence record.
    static func solutions(
        on frontier: Frontier, concepts: [SolutionConcept], noAgreementReason: NoAgreementReason?, lotteries: Bool, settings: SolverSettings
    ) -> (solutions: [(concept: SolutionConcept, result: SolutionResult)], lottery: NashLottery?) {
        let space = frontier.space
        let power = space.scenario.parties.map(\.power)
        var utilities: [Double] = [], gains: [Double] = []
        utilities.reserveCapacity(frontier.count * space.partyCount)
        gains.reserveCapacity(frontier.count * space.partyCount)
        for k in 0..<frontier.count {
            for i in 0..<space.partyCount {
                utilities.append(frontier.utility(at: k, party: i))
                gains.append(frontier.gain(at: k, party: i))
            }
        }
        let selector = SolutionSelector(
            utilities: utilities, gains: gains, exact: exactOutcomes(of: frontier), disagreement: space.disagreement, power: power,
            settings: settings
        ) {
            frontier.package(at: $0).lexicographicallyPrecedes(frontier.package(at: $1))
        }
        var lotteryRecord: NashLottery?
        let results = concepts.map { concept -> (concept: SolutionConcept, result: SolutionResult) in
            if let reason = noAgreementReason { return (concept, .noAgreement(reason)) }
            guard let index = selector.select(concept) else {
                return (concept, .noAgreement(.noPositiveGain))
            }
            if lotteries && (concept == .egalitarian || concept == .kalaiSmorodinsky) {
                return (concept, maxMinLottery(concept, on: frontier, utilities: utilities, selector: selector, pure: index, power: power))
            }
            if lotteries && concept == .nash {
                let lottery = NashLottery.solve(
                    utilities: utilities, objective: NashObjective(disagreement: space.disagreement, power: power), start: index,
                    settings: settings)
                lotteryRecord = lottery
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
                disagreement: space.disagreement, power: power, gains: frontier.gains(at: index))
            return (concept, .agreement(agreement))
        }
        return (results, lotteryRecord)
    }
}

extension Solver {
    /// The frontier's utilities and gains as exact integers, when every party's utilities and
    /// threshold are exact (`Quantizer.unit(party:)`, `DiscreteSpace.thresholdIsExact`).
    static func exactOutcomes(of frontier: Frontier) -> ExactOutcomes? {
        let space = frontier.space, n = space.partyCount
        let units = (0..<n).compactMap { space.quantizer.unit(party: $0) }
        guard units.count == n, space.thresholdIsExact.allSatisfy({ $0 }) else { return nil }
        var utilities: [Int64] = [], gains: [Int64] = []
        utilities.reserveCapacity(frontier.count * n)
        gains.reserveCapacity(frontier.count * n)
        for k in 0..<frontier.count {
            for i in 0..<n {
                let q = frontier.quantizedUtility(at: k, party: i)
                utilities.append(q)
                gains.append(q - space.threshold[i])
            }
        }
        return ExactOutcomes(utilities: utilities, gains: gains, units: units)
    }

    /// Egalitarian or Kalai–Smorodinsky over lotteries of frontier packages: the mix maximizing
    /// `min_i (E u_i − d_i) / scale_i` (`scale` 1, or `ideal_i − d_i`), ties to the larger `Σ E u_i`
    /// (`egalitarianLottery`: two LPs; at most n + 1 packages get positive probability). The
    /// pure answer (`pure`) when the LP fails or the mix is no better.
    static func maxMinLottery(
        _ concept: SolutionConcept, on frontier: Frontier, utilities: [Double], selector: SolutionSelector, pure: Int, power: [Double]
    ) -> SolutionResult {
        let space = frontier.space, n = space.partyCount, d = space.disagreement
        let points = (0..<frontier.count).map { Array(utilities[($0 * n)..<(($0 + 1) * n)]) }
        let mix = egalitarianLottery(points: points, disagreement: d, scale: maxMinScale(concept, ideal: selector.ideal, disagreement: d))
        let pureAgreement = Agreement(
            package: frontier.package(at: pure).map { .option($0) }, utilities: frontier.utilities(at: pure), disagreement: d, power: power)
        guard mix.status == .solved, mix.support.count > 1 else { return .agreement(pureAgreement) }
        let shares = zip(mix.support, mix.probabilities).map { index, probability in
            LotteryShare(probability: probability, package: frontier.package(at: index).map { .option($0) })
        }
        let likeliest = shares.max { $0.probability < $1.probability }?.package ?? []
        return .agreement(Agreement(package: likeliest, lottery: shares, utilities: mix.expectedUtility, disagreement: d, power: power))
    }

    /// The scale of the max–min criterion `min_i (E u_i − d_i) / scale_i` over lotteries: 1 for
    /// the egalitarian solution, `ideal_i − d_i` (at least 10^-300) for Kalai–Smorodinsky.
    static func maxMinScale(_ concept: SolutionConcept, ideal: [Double], disagreement d: [Double]) -> [Double] {
        concept == .egalitarian ? d.map { _ in 1 } : zip(ideal, d).map { max($0 - $1, 1e-300) }
    }
}

/// Peak resident memory of this process in bytes (`getrusage`; 0 where unavailable).
public func peakResidentMemory() -> Int {
    var usage = rusage()
    guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
}
