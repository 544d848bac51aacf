import AccordFrontier
import AccordModel
import AccordOptimize
import AccordSkyline
import AccordSpace
import Dispatch

/// The most concave parts a program is split into to handle non-concave value functions
/// (`ConcaveProgram.concaveBranches`); beyond, the solve is refused naming the party and issue.
let concaveBranchLimit = 4096

extension Solver {
    /// The solutions of a scenario with range or divisible issues (DESIGN.md §1.3 over a
    /// continuum), exactly up to the certified duality gaps:
    ///
    /// 1. the discrete issues' acceptable Pareto frontier (`ConcavePart.discrete`, reservations
    ///    lowered by the most the continuous issues can add): only those discrete packages can
    ///    be part of a solution, as the continuous feasible set is the same for all of them and
    ///    every solution concept is increasing in each `u_i`;
    /// 2. for each of them, the concave program with the package's utilities as constants, split
    ///    at the convex kinks of non-concave values into concave parts; Nash by the interior
    ///    point (`solveNash`), egalitarian, utilitarian and Kalai–Smorodinsky (against the ideal
    ///    point of the whole set: the largest of the parts' ideal points) by LPs;
    /// 3. branch and bound: the discrete packages are taken in decreasing order of an upper bound
    ///    of the objective (`u_i ≤ c_i + best_i`), and the rest skipped once the bound cannot
    ///    beat the best found;
    /// 4. the candidates compared with the one selection rule (`SolutionSelector`: ties to the
    ///    larger `Σ u`, then the earlier discrete package);
    /// 5. with `lotteries`, Nash, Kalai–Smorodinsky and egalitarian over the convex hull of the
    ///    utility set, from the pure solutions (`ConcaveSearch.lottery`, column generation; the
    ///    pure solutions themselves when the set is convex).
    ///
    /// `info.gap` is the largest duality gap of the solves the answer rests on (with lotteries,
    /// their certificates too), `info.iterations` the interior point's Newton iterations in all
    /// (and the lottery Nash solution's Frank–Wolfe iterations).
    static func solveConcave(
        _ part: ConcavePart, problem: BargainingProblem, settings: SolverSettings, progress: ProgressCounter?,
        into solution: inout BargainingSolution
    ) {
        let scenario = problem.scenario
        let n = scenario.parties.count
        // 1. The discrete packages worth completing; 2. the concave parts of the program.
        var search: ConcaveSearch
        switch ConcaveSearch.make(part, scenario: scenario, settings: settings, progress: progress) {
        case .failure(let refusal):
            solution.status = .refused(refusal)
            return
        case .success(let made):
            search = made.search
            solution.frontier = made.frontier
        }
        if let space = part.discrete, search.points.isEmpty {
            solution.status = .noAgreementZone
            let candidates = problem.namedRedLines.map { named in named.filter { !scenario.redLine($0).isBounds } }
            let reason = part.inScenarioTerms(noAgreementReason(space, candidates: candidates, settings: settings, file: problem.file))
            solution.noAgreementReason = reason
            solution.solutions = problem.concepts.map { ($0, .noAgreement(reason)) }
            return
        }
        solution.curve = search.exactCurve
        let points = search.points
        var results: [(concept: SolutionConcept, result: SolutionResult)] = []
        solution.lotteriesArePure = problem.lotteries && search.utilitySetIsConvex
        let outcomes = search.outcomes(problem.concepts, lotteries: problem.lotteries)
        for (concept, found) in zip(problem.concepts, outcomes) {
            switch found {
            case .failure(let failure):
                switch failure {
                case .numerical(let detail):
                    solution.status = .numericalTrouble(detail: detail)
                    return
                case .infeasible(let item):
                    let issue = part.issue(of: item)
                    let reason = NoAgreementReason.redLinesForbidIssue(issue: issue, redLines: (problem.namedRedLines ?? scenario.redLineReferences).filter {
                        if case .bounds(issue, _, _) = scenario.redLine($0) { return true }
                        return false
                    })
                    solution.status = .noAgreementZone
                    solution.noAgreementReason = reason
                    solution.solutions = problem.concepts.map { ($0, .noAgreement(reason)) }
                    return
                }
            case .success(nil):
                results.append((concept, .noAgreement(concept == .nash ? .noPositiveGain : .noJointGain(redLines: []))))
            case .success(let agreement?):
                results.append((concept, .agreement(agreement)))
            }
        }
        if results.allSatisfy({ $0.result.agreement == nil }) {
            // Name the parties that cannot reach d_i even alone (their best discrete package plus
            // the most the continuous issues give them); otherwise no point suits all at once.
            let shortfalls = (0..<n).compactMap { i -> Shortfall? in
                let best = (points.map { $0.utilities[i] }.max() ?? 0) + part.best[i]
                return best < part.disagreement[i] ? Shortfall(party: i, best: best, disagreement: part.disagreement[i]) : nil
            }
            let reason: NoAgreementReason = shortfalls.isEmpty ? .noJointGain(redLines: []) : .unreachable(shortfalls, redLines: [])
            solution.status = .noAgreementZone
            solution.noAgreementReason = reason
            results = results.map { ($0.concept, .noAgreement(reason)) }
        }
        if search.reachedIterationLimit { solution.status = .iterationLimit }
        solution.solutions = results
        solution.info.gap = search.gap
        solution.info.iterations = search.iterations
    }

    /// The refusal for a program whose non-concave values split into too many concave parts.
    static func tooManyPieces(_ part: ConcavePart, scenario: Scenario) -> Refusal {
        guard let (party, item) = part.program.firstNonConcave else { return .nonConcave(party: "", issue: "", limit: concaveBranchLimit) }
        return .nonConcave(party: scenario.parties[party].id, issue: scenario.issues[part.issue(of: item)].id, limit: concaveBranchLimit)
    }
}

extension ConcavePart {
    /// A reason found on the discrete part (`discrete`), in the whole scenario's terms: its issue
    /// index mapped back (red-line references already agree, see `ConcavePart`), and a
    /// shortfall's best and disagreement utility raised by the most the continuous issues give
    /// the party (the discrete part's reservations are `d_i − best_i`), so that it reads as what
    /// the party can get in all against `d_i`.
    func inScenarioTerms(_ reason: NoAgreementReason) -> NoAgreementReason {
        switch reason {
        case .redLinesForbidIssue(let issue, let redLines):
            return .redLinesForbidIssue(issue: discreteIssues.indices.contains(issue) ? discreteIssues[issue] : issue, redLines: redLines)
        case .unreachable(let shortfalls, let redLines):
            return .unreachable(shortfalls.map {
                Shortfall(party: $0.party, best: $0.best + best[$0.party], disagreement: $0.disagreement + best[$0.party])
            }, redLines: redLines)
        case .redLinesExcludeAll, .noJointGain, .noPositiveGain:
            return reason
        }
    }

    /// The scenario index of a program item.
    func issue(of item: ConcaveProgram.Item) -> Int {
        switch item {
        case .good(let k): return divisibleIssues[k]
        case .range(let r): return rangeIssues[r]
        }
    }
}

/// One candidate answer: the optimum of a concept on one concave part of one discrete package.
struct ConcaveCandidate {
    var point: Int
    var branch: Int
    var utilities: [Double]
    var shares: [[Double]]
    var rangeValues: [Double]
}

enum ConcaveFailure: Error {
    /// Bounds on this item admit no point (the same for every discrete package).
    case infeasible(ConcaveProgram.Item)
    case numerical(String)
}

/// The branch-and-bound search over discrete packages × concave parts.
struct ConcaveSearch {
    let part: ConcavePart
    let points: [(options: [Int], utilities: [Double])]
    let branches: [ConcaveProgram]
    let settings: SolverSettings
    /// Where the ideal point's LPs are counted (the other steps are single solves).
    let progress: ProgressCounter?
    var gap = 0.0
    var iterations = 0
    var reachedIterationLimit = false
    /// The concave parts whose bounds admit no point, with the item that shows it (the feasible
    /// set does not depend on the discrete package: found once, skipped after).
    var empty: [Int: ConcaveProgram.Item] = [:]
    /// `idealPoint()`'s answer once computed (the ideal does not depend on the concept).
    private var knownIdeal: Result<[Double]?, ConcaveFailure>?
    /// The Nash solution of each discrete package and concave part solved (key `[point, branch]`):
    /// the reference point of the ideal point's bound-and-point proofs.
    private var nashPoints: [[Int]: (shares: [[Double]], rangeValues: [Double])] = [:]

    init(
        part: ConcavePart, points: [(options: [Int], utilities: [Double])], branches: [ConcaveProgram], settings: SolverSettings,
        progress: ProgressCounter?
    ) {
        self.part = part
        self.points = points
        self.branches = branches
        self.settings = settings
        self.progress = progress
    }

    /// The search over a problem's discrete frontier (one empty package worth 0 when every issue
    /// is continuous) and the concave parts of its program, with that frontier (`nil` when every
    /// issue is continuous); refused when the frontier exceeds the settings' limits or the
    /// program splits into more than `concaveBranchLimit` parts.
    static func make(
        _ part: ConcavePart, scenario: Scenario, settings: SolverSettings, progress: ProgressCounter?
    ) -> Result<(search: ConcaveSearch, frontier: Frontier?), Refusal> {
        var points: [(options: [Int], utilities: [Double])] = [([], Array(repeating: 0, count: part.disagreement.count))]
        var frontier: Frontier?
        if let space = part.discrete {
            do {
                let computed = try Frontier(space: space, settings: settings, progress: progress)
                points = (0..<computed.count).map { (computed.package(at: $0), computed.utilities(at: $0)) }
                frontier = computed
            } catch {
                return .failure(error)
            }
        }
        guard let branches = part.program.concaveBranches(limit: concaveBranchLimit) else {
            return .failure(Solver.tooManyPieces(part, scenario: scenario))
        }
        return .success((ConcaveSearch(part: part, points: points, branches: branches, settings: settings, progress: progress), frontier))
    }

    /// The exact frontier curve when there is one: two parties, one discrete package and one
    /// concave part (`ConcaveProgram.twoPartyFrontier`).
    var exactCurve: [FrontierVertex]? {
        guard part.disagreement.count == 2, points.count == 1, branches.count == 1 else { return nil }
        return program(0, 0).twoPartyFrontier()
    }

    /// The solution of each of `concepts` (over lotteries with `lotteries`), in two lanes that run
    /// in parallel, each on its own copy of the search: Nash then Kalai–Smorodinsky (whose ideal
    /// point starts from the Nash solutions), and egalitarian then utilitarian. The lanes share
    /// nothing but GLPK (`LinearProgram.solve` serializes its calls), so the answers do not depend
    /// on the number of cores; the copies' certificates are merged back (largest gap, iterations
    /// summed).
    mutating func outcomes(_ concepts: [SolutionConcept], lotteries: Bool) -> [Result<Agreement?, ConcaveFailure>] {
        let lanes = [concepts.filter { $0 == .nash || $0 == .kalaiSmorodinsky }, concepts.filter { $0 == .egalitarian || $0 == .utilitarian }]
            .filter { !$0.isEmpty }
        let slots = ResultSlots<(search: ConcaveSearch, found: [SolutionConcept: Result<Agreement?, ConcaveFailure>])>(count: lanes.count)
        let start = self
        let work: @Sendable (Int) -> Void = { lane in
            var search = start
            var found: [SolutionConcept: Result<Agreement?, ConcaveFailure>] = [:]
            for concept in lanes[lane] {
                switch search.best(concept) {
                case .failure(let failure): found[concept] = .failure(failure)
                case .success(nil): found[concept] = .success(nil)
                case .success(let candidate?):
                    found[concept] = lotteries ? search.lottery(concept, from: candidate).map(Optional.some) : .success(search.agreement(of: candidate))
                }
            }
            slots.store(lane, (search, found))
        }
        if lanes.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: lanes.count, execute: work) }
        var found: [SolutionConcept: Result<Agreement?, ConcaveFailure>] = [:]
        for lane in slots.values {
            gap = max(gap, lane.search.gap)
            iterations += lane.search.iterations - start.iterations
            reachedIterationLimit = reachedIterationLimit || lane.search.reachedIterationLimit
            empty.merge(lane.search.empty) { first, _ in first }
            found.merge(lane.found) { first, _ in first }
        }
        return concepts.map { found[$0] ?? .success(nil) }
    }

    /// The program of discrete package `point` on concave part `branch`.
    func program(_ point: Int, _ branch: Int) -> ConcaveProgram {
        var program = branches[branch]
        program.constant = points[point].utilities
        return program
    }

    /// The selected candidate of `concept`, `nil` when no discrete package has one.
    mutating func best(_ concept: SolutionConcept) -> Result<ConcaveCandidate?, ConcaveFailure> {
        ranked(concept, count: 1).map(\.first)
    }

    /// The optima of `concept` on the `count` best discrete packages, best first: each package's
    /// best over its concave parts, ranked by the one selection rule (`SolutionSelector`: the
    /// concept's objective, ties to the larger `Σ u`, then the earlier package). Packages whose
    /// program has no optimum (no point with every `u_i ≥ d_i`, for Nash `> d_i`) are not listed.
    ///
    /// Branch and bound: packages are solved in decreasing order of an upper bound of the
    /// objective (`u_i ≤ c_i + best_i`) until the bound falls below the `count`-th best
    /// objective found, so every package of the ranking is solved.
    mutating func ranked(_ concept: SolutionConcept, count: Int) -> Result<[ConcaveCandidate], ConcaveFailure> {
        guard count > 0 else { return .success([]) }
        let d = part.disagreement, power = part.program.power, n = d.count
        var ideal: [Double]?
        if concept == .kalaiSmorodinsky {
            switch idealPoint() {
            case .failure(let failure): return .failure(failure)
            case .success(nil): return .success([])
            case .success(let point?): ideal = point
            }
        }
        // Upper bounds of the objective per discrete package, from u_i ≤ c_i + best_i.
        let bound: [Double] = points.map { point in
            let top = (0..<n).map { point.utilities[$0] + part.best[$0] }
            switch concept {
            case .nash: return NashObjective(disagreement: d, power: power).value(top[...]) ?? -.infinity
            case .egalitarian: return (0..<n).map { top[$0] - d[$0] }.min() ?? 0
            case .utilitarian: return (0..<n).allSatisfy({ top[$0] >= d[$0] }) ? top.reduce(0, +) : -.infinity
            case .kalaiSmorodinsky:
                guard let ideal, (0..<n).allSatisfy({ top[$0] >= d[$0] }) else { return -.infinity }
                return (0..<n).compactMap { ideal[$0] > d[$0] ? (top[$0] - d[$0]) / (ideal[$0] - d[$0]) : nil }.min() ?? 1
            }
        }
        let order = points.indices.filter { bound[$0] > -.infinity }.sorted { bound[$0] > bound[$1] || (bound[$0] == bound[$1] && $0 < $1) }
        var candidates: [ConcaveCandidate] = []
        // The best objective of each package solved, descending; the bar is the count-th.
        var bests: [Double] = []
        for p in order {
            let incumbent = bests.count >= count ? bests[count - 1] : -Double.infinity
            let slack = settings.tieTolerance * max(1, abs(incumbent)) + 1e-9 * max(1, abs(incumbent))
            if bound[p] < incumbent - slack { break }
            var packageBest = -Double.infinity
            for b in branches.indices where empty[b] == nil {
                switch solve(concept, program(p, b), ideal: ideal) {
                case .failure(.infeasible(let item)):
                    empty[b] = item
                    continue
                case .failure(let failure): return .failure(failure)
                case .success(nil): continue
                case .success(let found?):
                    if concept == .nash { nashPoints[[p, b]] = (found.shares, found.rangeValues) }
                    candidates.append(ConcaveCandidate(point: p, branch: b, utilities: found.utilities, shares: found.shares, rangeValues: found.rangeValues))
                    packageBest = max(packageBest, found.objective)
                }
            }
            if packageBest > -.infinity {
                bests.insert(packageBest, at: bests.firstIndex { $0 < packageBest } ?? bests.count)
            }
        }
        if let item = everyPartEmpty { return .failure(.infeasible(item)) }
        var ranking: [ConcaveCandidate] = []
        while ranking.count < count, !candidates.isEmpty {
            let remaining = candidates
            let selector = SolutionSelector(utilities: remaining.flatMap(\.utilities), disagreement: d, power: power, settings: settings) {
                (remaining[$0].point, remaining[$0].branch) < (remaining[$1].point, remaining[$1].branch)
            }
            guard let pick = selector.select(concept, ideal: ideal) else { break }
            ranking.append(remaining[pick])
            candidates.removeAll { $0.point == remaining[pick].point }
        }
        return .success(ranking)
    }

    /// The ideal point of the whole set: each party's best utility over every discrete package
    /// and concave part with every `u_j ≥ d_j`; `nil` when there is no such point.
    mutating func idealPoint() -> Result<[Double]?, ConcaveFailure> {
        if let knownIdeal { return knownIdeal }
        let found = computedIdealPoint()
        knownIdeal = found
        return found
    }

    /// `idealPoint`, computed: one ideal-point run per discrete package and concave part, from
    /// the Nash solution there as the reference point (`ConcaveProgram.idealPoint`). Where Nash
    /// was not solved, it is solved for the reference when there are at least
    /// `idealReferenceParties` parties (one interior point instead of up to n LPs).
    private mutating func computedIdealPoint() -> Result<[Double]?, ConcaveFailure> {
        var ideal: [Double]?
        for p in points.indices {
            for b in branches.indices where empty[b] == nil {
                let program = program(p, b)
                var reference = nashPoints[[p, b]]
                if reference == nil, program.parties >= Self.idealReferenceParties,
                   let nash = try? program.solveNash(settings: NashSettings(maxIterations: settings.maxIterations)),
                   nash.status == .solved {
                    reference = (nash.shares, nash.rangeValues)
                }
                let progress = self.progress
                let found = program.idealPoint(reference: reference) { solved, total in
                    if solved == 0 {
                        progress?.begin(.idealPoint, unit: "LPs")
                        progress?.expect(Double(total))
                    } else {
                        progress?.add(1)
                    }
                }
                switch found.status {
                case .solved:
                    gap = max(gap, found.info.idealDualityGap)
                    ideal = ideal.map { zip($0, found.utilities).map { max($0, $1) } } ?? found.utilities
                case .noAgreementZone: continue
                case .infeasible(let item): empty[b] = item
                case .nonConcave, .invalid, .failed: return .failure(.numerical("ideal point: \(found.status)"))
                }
            }
        }
        if let item = everyPartEmpty { return .failure(.infeasible(item)) }
        return .success(ideal)
    }

    /// From this many parties on, the ideal point's reference is worth a Nash solve of its own.
    static let idealReferenceParties = 16

    /// When the bounds leave no point in any concave part (then in the whole program: the item
    /// of the first part's), that item; `nil` while some part has points. A part can be empty on
    /// its own — splitting two parties' shares of a good at their convex kinks makes
    /// combinations whose share intervals cannot sum to 1 — and is then skipped.
    var everyPartEmpty: ConcaveProgram.Item? {
        empty.count == branches.count ? empty[0] : nil
    }

    /// One concept on one program: its optimum and objective, `nil` when it has none (no point
    /// with every `u_i ≥ d_i`, or for Nash `> d_i`).
    mutating func solve(
        _ concept: SolutionConcept, _ program: ConcaveProgram, ideal: [Double]?
    ) -> Result<(utilities: [Double], shares: [[Double]], rangeValues: [Double], objective: Double)?, ConcaveFailure> {
        if concept == .nash {
            let found: NashSolution
            do {
                found = try program.solveNash(settings: NashSettings(maxIterations: settings.maxIterations))
            } catch {
                return .failure(.numerical("interior point: \(error)"))
            }
            iterations += found.info.iterations
            switch found.status {
            case .solved, .iterationLimit:
                if found.status == .iterationLimit { reachedIterationLimit = true }
                gap = max(gap, found.info.dualityGap)
                return .success((found.utilities, found.shares, found.rangeValues, found.objective))
            case .noAgreementZone: return .success(nil)
            case .infeasible(let item): return .failure(.infeasible(item))
            case .numericalTrouble: return .failure(.numerical("the interior point could not solve a Newton system"))
            case .nonConcave: return .failure(.numerical("a concave part is not concave"))
            }
        }
        let found: ConcaveProgram.LinearSolution
        switch concept {
        case .egalitarian: found = program.egalitarian()
        case .utilitarian: found = program.utilitarian()
        case .kalaiSmorodinsky: found = program.kalaiSmorodinsky(ideal: ideal ?? [])
        case .nash: return .success(nil)
        }
        switch found.status {
        case .solved:
            gap = max(gap, found.info.lp.dualityGap)
            return .success((found.utilities, found.shares, found.rangeValues, found.objective ?? -.infinity))
        case .noAgreementZone: return .success(nil)
        case .infeasible(let item): return .failure(.infeasible(item))
        case .nonConcave, .invalid, .failed: return .failure(.numerical("\(concept.title) LP: \(found.status)"))
        }
    }
}
