import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// A value of the parameter where a solution's package changes: below it (down to the previous
/// crossover) the solution is `from`, above it `to` (`nil`: no acceptable package); at the
/// range's first value, `from` is the solution there and `to` the one just above; at its last,
/// `from` the one just below and `to` the solution there.
public struct Crossover: Sendable, Equatable {
    public let value: Double
    public let concept: SolutionConcept
    public let from: [Int]?
    public let to: [Int]?
}

/// The exact crossovers of a sweep over a discrete scenario, computed, not bisected.
///
/// Candidates. Every package that is a solution somewhere in the range lies on a Pareto frontier
/// that does not depend on the parameter: for a reservation, power or discount, the frontier of
/// every package (no reservation filters it: a package that dominates an acceptable one is
/// acceptable); for party i's weight on issue k, the frontier with party i split into two
/// parties, its utility without issue k and its value of issue k (weights are ≥ 0: a package that
/// dominates another in both parts does so for every weight); for party i's value of option o of
/// issue k, the frontiers of the packages with `x_k = o` and with `x_k ≠ o` (within each, the
/// parameter shifts party i's utility by the same amount); for an interaction's value, the
/// frontier of the packages that have all its options and, for each of its options, of those
/// without it (a package without the interaction is on the frontier of one of them).
///
/// Events. On a candidate, every utility and the disagreement point are affine in the parameter
/// `t` (only party i's move). The solution can change only where some comparison the selection
/// makes changes sign: where a candidate becomes acceptable or eligible (`u_i = d_i`), where an
/// egalitarian or Kalai–Smorodinsky minimum changes its binding party, where the
/// Kalai–Smorodinsky ideal changes its best package, and where two candidates' objectives cross.
/// Between the first kind of events each candidate's objective is one affine function of `t`
/// (Nash as `C_x · g_i(t)`, its product of gains raised to `1/p_i`; with power varying,
/// `log Π g^p`; Kalai–Smorodinsky multiplied by the ideal's span, which is affine there), and the
/// best one changes only at the breakpoints of their upper envelope, computed exactly (convex
/// hull of the lines). The solution in each piece between consecutive events is that of
/// `SolutionSelector` — Accord's one selection rule — at its midpoint; a crossover is an event
/// with different solutions on its two sides. Event values are roots of affine functions, exact
/// to the rounding of their coefficients (1e-12 relative).
enum Crossovers {
    /// Candidates beyond which crossovers are not computed (the events grow as their square).
    static let candidateLimit = 5_000

    static func find(
        scenario: Scenario, parameter: SensitivityParameter, from: Double, to: Double, concepts: [SolutionConcept],
        settings: SolverSettings
    ) throws(SensitivityError) -> [Crossover] {
        if case .discount = parameter.kind { return [] }
        guard from < to else { return [] }
        let model = try model(scenario, parameter, settings: settings)
        return concepts.flatMap { model.crossovers(of: $0, from: from, to: to, settings: settings) }
    }

    /// The crossovers of `concept` over `[from, to]` and the range of each party's utility of
    /// its solution there, exact: between crossovers the solution keeps its package, whose
    /// utilities are affine in the parameter, so each party's extremes are at the ends of those
    /// stretches — the solution at `from` and at `to`, and each crossover's packages on both
    /// sides of it (no agreement: the disagreement point, affine too).
    static func utilityRanges(
        scenario: Scenario, parameter: SensitivityParameter, from: Double, to: Double, concept: SolutionConcept,
        settings: SolverSettings
    ) throws(SensitivityError) -> (crossovers: [Crossover], ranges: [ClosedRange<Double>]) {
        let model = try model(scenario, parameter, settings: settings)
        let crossovers = from < to ? model.crossovers(of: concept, from: from, to: to, settings: settings) : []
        var ends: [(package: [Int]?, t: Double)] = [from, to].map { t in (model.solution(concept, at: t, settings: settings).map { model.packages[$0] }, t) }
        for crossover in crossovers { ends += [(crossover.from, crossover.value), (crossover.to, crossover.value)] }
        let utilities = ends.map { model.utilities(of: $0.package, at: $0.t) }
        let ranges = (0..<model.n).map { j in
            let column = utilities.map { $0[j] }
            return (column.min() ?? 0)...(column.max() ?? 0)
        }
        return (crossovers, ranges)
    }

    /// The candidates' model for `parameter`, after checking that crossovers can be computed.
    private static func model(_ scenario: Scenario, _ parameter: SensitivityParameter, settings: SolverSettings) throws(SensitivityError) -> Model {
        guard scenario.issues.allSatisfy({ $0.options != nil }) else {
            throw SensitivityError("crossovers are computed for discrete scenarios; this one has range or divisible issues (the steps show the solutions)")
        }
        guard !scenario.normalize else {
            throw SensitivityError("crossovers are not computed for 'normalize: true' scenarios, where the rescaling moves with the parameter (the steps show the solutions)")
        }
        let packages = try candidates(scenario, parameter, settings: settings)
        guard packages.count <= candidateLimit else {
            throw SensitivityError("crossovers are computed for up to \(candidateLimit) candidate packages; this sweep has \(packages.count) (the steps show the solutions)")
        }
        return Model(scenario: scenario, parameter: parameter, packages: packages)
    }

    /// The candidate packages (option indices), sorted, without repeats.
    private static func candidates(_ scenario: Scenario, _ parameter: SensitivityParameter, settings: SolverSettings) throws(SensitivityError) -> [[Int]] {
        let open = scenario.withoutReservations
        var scenarios: [Scenario] = []
        switch parameter.kind {
        case .reservation, .power, .discount:
            scenarios = [open]
        case .weight(let issue):
            var split = open
            let i = parameter.party
            var part = split.preferences[i]
            part.weights = part.weights.indices.map { $0 == issue ? 1 : 0 }
            part.interactions = []
            part.redLines = []
            split.preferences[i].weights[issue] = 0
            split.parties.append(Party(id: "\(split.parties[i].id)__\(split.issues[issue].id)", reservation: -1e12))
            split.preferences.append(part)
            scenarios = [split]
        case .value(let issue, let option):
            let count = open.issues[issue].options?.count ?? 0
            for keep in [true, false] {
                var restricted = open
                let forbidden = (0..<count).filter { keep ? $0 != option : $0 == option }
                guard !forbidden.isEmpty else { continue }
                restricted.preferences[0].redLines.append(.forbid(issue: issue, options: forbidden))
                scenarios.append(restricted)
            }
        case .interaction(let index):
            // With the interaction's options all chosen (every other option of those issues
            // forbidden), and without (one choice missed: each choice forbidden in turn).
            let choices = open.preferences[parameter.party].interactions[index].when
            var with = open
            for choice in choices {
                let others = (0..<(open.issues[choice.issue].options?.count ?? 0)).filter { $0 != choice.option }
                if !others.isEmpty { with.preferences[0].redLines.append(.forbid(issue: choice.issue, options: others)) }
            }
            scenarios = [with]
            for choice in choices where (open.issues[choice.issue].options?.count ?? 0) > 1 {
                var without = open
                without.preferences[0].redLines.append(.forbid(issue: choice.issue, options: [choice.option]))
                scenarios.append(without)
            }
        }
        return try frontierPackages(of: scenarios, settings: settings)
    }

    /// The packages on the Pareto frontiers of `scenarios` (option indices), sorted, without repeats.
    static func frontierPackages(of scenarios: [Scenario], settings: SolverSettings) throws(SensitivityError) -> [[Int]] {
        var found = Set<[Int]>()
        for candidate in scenarios {
            let problem: BargainingProblem
            do {
                problem = try BargainingProblem(candidate, file: "sweep", concepts: [])
            } catch {
                throw SensitivityError("the candidate packages could not be computed: \(error)")
            }
            switch Solver.frontier(of: problem, settings: settings) {
            case .success(let frontier):
                for k in 0..<frontier.count { found.insert(frontier.package(at: k)) }
            case .failure(let refusal):
                throw SensitivityError("the candidate packages could not be computed: \(refusal)")
            }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

extension Scenario {
    /// The scenario with every reservation far below any utility (and reservations as the
    /// disagreement point): no reservation filters its frontier, which then holds every package a
    /// solution could take for any reservations — a package that dominates an acceptable one is
    /// acceptable.
    var withoutReservations: Scenario {
        var open = self
        open.disagreement = .reservation
        for i in open.parties.indices { open.parties[i].reservation = -1e12 }
        return open
    }
}

/// The candidates' utilities and disagreement point as affine functions of the parameter.
private struct Model {
    let parameter: SensitivityParameter
    let packages: [[Int]]
    let n: Int
    /// `u_j(x, t) = a[x][j] + b[x][j] · t`; only party i's `b` is nonzero.
    let a: [[Double]], b: [[Double]]
    /// `d_j(t) = d0[j] + d1[j] · t`; `p_j(t) = p0[j] + p1[j] · t`.
    let d0: [Double], d1: [Double], p0: [Double], p1: [Double]

    init(scenario: Scenario, parameter: SensitivityParameter, packages: [[Int]]) {
        self.parameter = parameter
        self.packages = packages
        n = scenario.parties.count
        let zero = parameter.applied(0, to: scenario), one = parameter.applied(1, to: scenario)
        func utilities(_ s: Scenario, _ package: [Int]) -> [Double] {
            let values = package.map { IssueValue.option($0) }
            return (0..<s.parties.count).map { s.utility(of: values, party: $0) }
        }
        let u0 = packages.map { utilities(zero, $0) }, u1 = packages.map { utilities(one, $0) }
        a = u0
        b = zip(u0, u1).map { zip($0, $1).map { $1 - $0 } }
        func disagreement(_ s: Scenario) -> [Double] {
            switch s.disagreement {
            case .reservation: return s.parties.map(\.reservation)
            case .statusQuo: return utilities(s, s.issues.map { $0.statusQuo?.option ?? 0 })
            }
        }
        let dz = disagreement(zero), dn = disagreement(one)
        d0 = dz
        d1 = zip(dz, dn).map { $1 - $0 }
        p0 = zero.parties.map(\.power)
        p1 = zip(zero.parties, one.parties).map { $1.power - $0.power }
    }

    var i: Int { parameter.party }

    /// Each party's utility of `package` (a candidate; `nil`: no agreement, the disagreement
    /// point) at `t`.
    func utilities(of package: [Int]?, at t: Double) -> [Double] {
        guard let package, let x = packages.firstIndex(of: package) else { return (0..<n).map { d0[$0] + d1[$0] * t } }
        return (0..<n).map { utility(x, $0, t) }
    }

    func utility(_ x: Int, _ j: Int, _ t: Double) -> Double { a[x][j] + b[x][j] * t }
    func gain(_ x: Int, _ j: Int, _ t: Double) -> Double { utility(x, j, t) - (d0[j] + d1[j] * t) }
    /// Party i's gain as (intercept, slope).
    func gainLine(_ x: Int) -> (Double, Double) { (a[x][i] - d0[i], b[x][i] - d1[i]) }

    /// The root in `(from, to)` of `c + s·t`, if any.
    static func root(_ c: Double, _ s: Double, _ from: Double, _ to: Double) -> Double? {
        guard s != 0 else { return nil }
        let t = -c / s
        return t > from && t < to ? t : nil
    }

    /// The solution at `t`: the index of the selected candidate among those acceptable at `t`.
    func solution(_ concept: SolutionConcept, at t: Double, settings: SolverSettings) -> Int? {
        let acceptable = acceptable(at: t)
        guard !acceptable.isEmpty else { return nil }
        var utilities: [Double] = [], gains: [Double] = []
        for x in acceptable {
            for j in 0..<n {
                utilities.append(utility(x, j, t))
                gains.append(gain(x, j, t))
            }
        }
        let selector = SolutionSelector(
            utilities: utilities, gains: gains, disagreement: (0..<n).map { d0[$0] + d1[$0] * t },
            power: (0..<n).map { p0[$0] + p1[$0] * t }, settings: settings
        ) { packages[acceptable[$0]].lexicographicallyPrecedes(packages[acceptable[$1]]) }
        return selector.select(concept).map { acceptable[$0] }
    }

    /// Events of the first kind: acceptability, eligibility, and the kinks of minima.
    func unaryEvents(_ concept: SolutionConcept, _ from: Double, _ to: Double) -> [Double] {
        var events: [Double] = []
        for x in packages.indices {
            let (c, s) = gainLine(x)
            if let t = Self.root(c, s, from, to) { events.append(t) }
            if concept == .egalitarian {
                // g_i(t) = min_{j ≠ i} g_j: where party i starts or stops binding.
                let others = (0..<n).filter { $0 != i }.map { gain(x, $0, 0) }.min() ?? .infinity
                if others.isFinite, let t = Self.root(c - others, s, from, to) { events.append(t) }
            }
        }
        if concept == .kalaiSmorodinsky {
            // The ideal's span S(t) = max over acceptable x of g_i(x, t): its breakpoints, within
            // each stretch where the acceptable set is fixed.
            let acceptance = ([from] + events + [to]).sorted()
            var spans: [Double] = []
            for (lo, hi) in zip(acceptance, acceptance.dropFirst()) where hi > lo {
                let mid = (lo + hi) / 2
                let lines = acceptable(at: mid).map(gainLine)
                spans += Self.envelopeBreakpoints(lines, lo, hi)
            }
            events += spans
            // Where each candidate's normalized gain meets its other parties' minimum: g_i = c_x · S.
            let pieces = ([from] + events + [to]).sorted()
            for (lo, hi) in zip(pieces, pieces.dropFirst()) where hi > lo {
                let mid = (lo + hi) / 2
                let set = acceptable(at: mid)
                guard let (sc, ss) = span(at: mid, set) else { continue }
                for x in set {
                    guard let cx = otherRatio(x, set) else { continue }
                    let (c, s) = gainLine(x)
                    if let t = Self.root(c - cx * sc, s - cx * ss, lo, hi) { events.append(t) }
                }
            }
        }
        return events
    }

    func acceptable(at t: Double) -> [Int] { packages.indices.filter { x in (0..<n).allSatisfy { gain(x, $0, t) >= 0 } } }

    /// The line of the ideal's span of party i over `set` at `t` (the best gain line there).
    func span(at t: Double, _ set: [Int]) -> (Double, Double)? {
        set.map(gainLine).max { $0.0 + $0.1 * t < $1.0 + $1.1 * t }
    }

    /// `min_{j ≠ i} g_j(x) / span_j` over `set` (Kalai–Smorodinsky's other terms; 1 where a span is not positive).
    func otherRatio(_ x: Int, _ set: [Int]) -> Double? {
        let ratios = (0..<n).filter { $0 != i }.map { j -> Double in
            let span = set.map { gain($0, j, 0) }.max() ?? 0
            return span > 0 ? gain(x, j, 0) / span : 1
        }
        return ratios.min()
    }

    /// The objective of each eligible candidate as a line on a stretch around `t` where it is
    /// one affine function (see `Crossovers`), for the envelope.
    func lines(_ concept: SolutionConcept, at t: Double) -> [(Double, Double)] {
        let set = acceptable(at: t)
        switch concept {
        case .utilitarian:
            return set.map { x in ((0..<n).reduce(0) { $0 + a[x][$1] }, (0..<n).reduce(0) { $0 + b[x][$1] }) }
        case .egalitarian:
            return set.map { x in
                let others = (0..<n).filter { $0 != i }.map { gain(x, $0, t) }.min() ?? .infinity
                let (c, s) = gainLine(x)
                return c + s * t <= others ? (c, s) : (others, 0)
            }
        case .nash:
            let eligible = set.filter { x in (0..<n).allSatisfy { gain(x, $0, t) > 0 } }
            if case .power = parameter.kind {
                // log Π g^p = t · log g_i + Σ_{j≠i} p_j log g_j (gains fixed).
                return eligible.map { x in
                    ((0..<n).reduce(0) { $0 + p0[$1] * log(gain(x, $1, t)) }, p1[i] * log(gain(x, i, t)))
                }
            }
            let logs = eligible.map { x in (0..<n).filter { $0 != i }.reduce(0) { $0 + p0[$1] * log(gain(x, $1, t)) } / p0[i] }
            let shift = logs.max() ?? 0
            return zip(eligible, logs).map { x, l in
                let factor = exp(l - shift)
                let (c, s) = gainLine(x)
                return (factor * c, factor * s)
            }
        case .kalaiSmorodinsky:
            guard let (sc, ss) = span(at: t, set), sc + ss * t > 0 else { return [] }
            return set.compactMap { x in
                guard let cx = otherRatio(x, set) else { return nil }
                let (c, s) = gainLine(x)
                return c + s * t <= cx * (sc + ss * t) ? (c, s) : (cx * sc, cx * ss)
            }
        }
    }

    /// The breakpoints in `(lo, hi)` of the upper envelope of `lines` (intercept, slope).
    static func envelopeBreakpoints(_ lines: [(Double, Double)], _ lo: Double, _ hi: Double) -> [Double] {
        guard lines.count > 1 else { return [] }
        var t = lo
        let value = { (line: (Double, Double), t: Double) in line.0 + line.1 * t }
        // The top line just after `lo`: highest there, then steepest.
        guard var top = lines.indices.max(by: { (value(lines[$0], lo), lines[$0].1) < (value(lines[$1], lo), lines[$1].1) }) else { return [] }
        var breakpoints: [Double] = []
        while true {
            // The first line steeper than the top that overtakes it after t.
            var next: (t: Double, line: Int)?
            for k in lines.indices where lines[k].1 > lines[top].1 {
                let meet = (lines[top].0 - lines[k].0) / (lines[k].1 - lines[top].1)
                guard meet > t, meet < hi else { continue }
                if let best = next, meet > best.t || (meet == best.t && lines[k].1 <= lines[best.line].1) { continue }
                next = (meet, k)
            }
            guard let found = next else { return breakpoints }
            breakpoints.append(found.t)
            t = found.t
            top = found.line
        }
    }

    /// The crossovers of `concept` in `(from, to)`.
    func crossovers(of concept: SolutionConcept, from: Double, to: Double, settings: SolverSettings) -> [Crossover] {
        var events = unaryEvents(concept, from, to)
        let stretches = ([from] + events + [to]).sorted()
        for (lo, hi) in zip(stretches, stretches.dropFirst()) where hi > lo {
            events += Self.envelopeBreakpoints(lines(concept, at: (lo + hi) / 2), lo, hi)
        }
        var points = [from]
        for event in events.sorted() where event > (points.last ?? from) { points.append(event) }
        points.append(to)
        // The solution exactly at each end too: where the parameter sits on a tie there (a weight
        // of 0 leaves the party indifferent on that issue), the package at the end itself differs
        // from the one just inside, a crossover at the end.
        var result: [Crossover] = []
        var previous: [Int]?? = .some(solution(concept, at: from, settings: settings).map { packages[$0] })
        for (lo, hi) in zip(points, points.dropFirst()) where hi > lo {
            let winner = solution(concept, at: (lo + hi) / 2, settings: settings).map { packages[$0] }
            if case .some(let before) = previous, before != winner {
                result.append(Crossover(value: lo, concept: concept, from: before, to: winner))
            }
            previous = .some(winner)
        }
        let last = solution(concept, at: to, settings: settings).map { packages[$0] }
        if case .some(let before) = previous, before != last {
            result.append(Crossover(value: to, concept: concept, from: before, to: last))
        }
        return result
    }
}
