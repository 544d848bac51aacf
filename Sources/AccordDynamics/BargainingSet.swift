import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// The two-party bargaining set of a scenario, as the dynamics use it: the concave curve
/// (Rubinstein) and a finite list of pure Pareto-optimal offers (Zeuthen).
public struct BargainingSet: Sendable {
    /// Where the set comes from.
    public enum Kind: String, Sendable {
        /// The convex hull of the Pareto frontier of a discrete scenario (lotteries between
        /// adjacent packages).
        case frontierHull = "frontier-hull"
        /// The parametric frontier of a single divisible issue: `(u_1(s), u_2(1 − s))`.
        case divisible
        /// The parametric frontier of a single range issue: `(u_1(x), u_2(x))`.
        case range
        /// The exact frontier curve of several range and divisible issues with concave values
        /// (`ConcaveProgram.twoPartyFrontier`).
        case continuousCurve = "continuous-curve"
        /// Discrete and continuous issues (or continuous values that are not concave): the exact
        /// frontier curves of the continuous issues, one per Pareto-optimal package of the
        /// discrete issues and concave part of the values (`Solver.twoPartyCurves`). Their upper
        /// envelope is the frontier of pure packages; its convex hull, with lotteries where it
        /// bridges two curves, is Rubinstein's set.
        case curveEnvelope = "curve-envelope"
    }

    public var kind: Kind
    public var disagreement: [Double]
    public var curve: BargainingCurve
    /// Pure Pareto-optimal acceptable offers: the frontier packages; for a continuous issue
    /// the frontier sampled at least every 1/100 of the issue's range (and at every breakpoint);
    /// on exact curves their vertices and 20 points along each edge, the Pareto-optimal ones.
    public var offers: [BargainingCurve.Vertex]
    /// The number of exact frontier curves the set is made of (`continuousCurve`,
    /// `curveEnvelope`); 0 otherwise.
    public var curveCount = 0
    /// Why there is no agreement zone, when there is none.
    public var noAgreementReason: NoAgreementReason?

    /// Builds the set of a two-party scenario: discrete issues (the frontier and its hull), a
    /// single divisible or range issue (its parametric frontier), or any other mix of discrete,
    /// range and divisible issues (piecewise-linear values; the exact curves of the continuous
    /// issues and their envelope, `curveEnvelope`).
    ///
    /// `settings` gives the frontier method and enumeration limit (as for `solve`) and the tie
    /// tolerance of the curve and of the individually rational cut.
    ///
    /// - Throws: `ScenarioError.unsupported` for more than two parties or a scenario that cannot
    ///   be compiled; `ScenarioError.refused` when a frontier would
    ///   exceed `settings.maxEnumeration` or `settings.maxMemory`, or the values split into too
    ///   many concave parts.
    public init(_ scenario: Scenario, file: String, settings: SolverSettings = SolverSettings()) throws(ScenarioError) {
        guard scenario.parties.count == 2 else {
            throw .unsupported(file: file, reason: "Rubinstein's alternating offers are implemented for two parties; '\(scenario.name)' has \(scenario.parties.count) (among more parties: --protocol baron-ferejohn, or zeuthen on discrete issues)")
        }
        let continuous = scenario.issues.indices.filter { scenario.issues[$0].options == nil }
        if continuous.isEmpty {
            self = try Self.discrete(scenario, file: file, settings: settings)
        } else if continuous.count == 1, scenario.issues.count == 1 {
            self = Self.continuous(scenario, issue: continuous[0], settings: settings)
        } else {
            self = try Self.curves(scenario, file: file, settings: settings)
        }
    }

    private init(kind: Kind, disagreement: [Double], curve: BargainingCurve, offers: [BargainingCurve.Vertex], reason: NoAgreementReason?) {
        self.kind = kind
        self.disagreement = disagreement
        self.curve = curve
        self.offers = offers
        noAgreementReason = reason
    }

    /// Range or divisible issues among others: the exact frontier curves of the continuous
    /// issues, one per Pareto-optimal discrete package and concave part of the values
    /// (`Solver.twoPartyCurves`, each cut to `u ≥ d`, its edges linear in the packages).
    /// Rubinstein bargains on the convex hull of their union (`BargainingCurve`: pure along a
    /// curve, a lottery where the hull bridges two); Zeuthen's offers are every curve's vertices
    /// and 20 points along each edge, those on the upper envelope (Pareto optimal among all).
    /// One curve and no discrete issue is the `continuousCurve` of concave continuous values.
    ///
    /// - Complexity: that of `Solver.twoPartyCurves`, then O(V log V) for V offers.
    private static func curves(_ scenario: Scenario, file: String, settings: SolverSettings) throws(ScenarioError) -> BargainingSet {
        let problem = try BargainingProblem(scenario, file: file, concepts: [.nash])
        var found: [[(utilities: [Double], package: [IssueValue])]] = []
        switch Solver.twoPartyCurves(of: problem, settings: settings) {
        case .failure(let refusal)?: throw .refused(file: file, refusal)
        case .success(let curves)?: found = curves
        case nil: break  // two parties and a continuous issue: not reached
        }
        let pieces = found.map { curve in curve.map { BargainingCurve.Vertex(utilities: $0.utilities, package: $0.package) } }
        var samples: [BargainingCurve.Vertex] = []
        for vertices in pieces {
            samples += vertices.prefix(1)
            for (a, b) in zip(vertices, vertices.dropFirst()) {
                for k in 1...20 {
                    let lambda = Double(k) / 20
                    samples.append(BargainingCurve.Vertex(
                        utilities: zip(a.utilities, b.utilities).map { $0 + lambda * ($1 - $0) },
                        package: BargainingCurve.interpolate(a.package, b.package, lambda)))
                }
            }
        }
        // The upper envelope: first party's utility descending, the second's strictly rising.
        samples.sort { $0.utilities[0] != $1.utilities[0] ? $0.utilities[0] > $1.utilities[0] : $0.utilities[1] > $1.utilities[1] }
        var offers: [BargainingCurve.Vertex] = []
        for sample in samples where offers.last.map({ sample.utilities[1] > $0.utilities[1] }) ?? true { offers.append(sample) }
        var reason: NoAgreementReason?
        if pieces.isEmpty {
            reason = Solver.solve(problem, settings: settings).noAgreementReason ?? .noJointGain(redLines: [])
        }
        let single = pieces.count == 1 && scenario.issues.allSatisfy { $0.options == nil }
        var set = BargainingSet(
            kind: single ? .continuousCurve : .curveEnvelope, disagreement: problem.concave?.disagreement ?? [],
            curve: BargainingCurve(pieces: pieces, settings: settings), offers: offers, reason: reason)
        set.curveCount = pieces.count
        return set
    }

    /// Discrete: the Pareto frontier (acceptable, so every point is individually rational).
    private static func discrete(_ scenario: Scenario, file: String, settings: SolverSettings) throws(ScenarioError) -> BargainingSet {
        let space = try DiscreteSpace(scenario, file: file)
        let frontier = try Frontier(space: space, settings: settings, file: file)
        let offers = (0..<frontier.count).map { k in
            BargainingCurve.Vertex(utilities: frontier.utilities(at: k), package: frontier.package(at: k).map { .option($0) })
        }
        return BargainingSet(
            kind: .frontierHull, disagreement: space.disagreement, curve: BargainingCurve(pieces: offers.map { [$0] }, settings: settings),
            offers: offers, reason: frontier.isEmpty ? Solver.noAgreementReason(space, settings: settings, file: file) : nil)
    }

    /// One divisible issue (parameter `s` = the first party's share, the second gets `1 − s`) or
    /// one range issue (parameter `x`, the issue's value). Utilities are piecewise linear in the
    /// parameter with breakpoints at the value functions' points; the polyline is cut to the
    /// parameter interval the red lines allow and to the individually rational region
    /// `u_i ≥ d_i` (allowing `settings.tieTolerance · max(1, |d_i|)` of rounding).
    private static func continuous(_ scenario: Scenario, issue j: Int, settings: SolverSettings) -> BargainingSet {
        let issue = scenario.issues[j]
        let divisible = issue.domain == .divisible
        var (lower, upper) = (0.0, 1.0)
        if case .range(let l, let u) = issue.domain { (lower, upper) = (l, u) }
        // The party's own value of the issue at parameter s.
        func argument(_ party: Int, _ s: Double) -> Double { divisible && party == 1 ? 1 - s : s }
        func utility(_ party: Int, _ s: Double) -> Double {
            let preference = scenario.preferences[party]
            guard let function = preference.values[j]?.piecewiseLinear else { return 0 }
            return preference.weights[j] * function(argument(party, s))
        }
        func package(_ s: Double) -> [IssueValue] { [divisible ? .shares([s, 1 - s]) : .number(s)] }

        var (lo, hi) = (lower, upper)
        for (party, preference) in scenario.preferences.enumerated() {
            for case .bounds(let bounded, let minimum, let maximum) in preference.redLines where bounded == j {
                if divisible && party == 1 {
                    if let maximum { lo = max(lo, 1 - maximum) }
                    if let minimum { hi = min(hi, 1 - minimum) }
                } else {
                    if let minimum { lo = max(lo, minimum) }
                    if let maximum { hi = min(hi, maximum) }
                }
            }
        }
        let d: [Double] = (0..<2).map { party in
            switch scenario.disagreement {
            case .reservation: return scenario.parties[party].reservation
            case .statusQuo:
                switch issue.statusQuo {
                case .number(let x)?: return utility(party, x)
                case .shares(let shares)?: return utility(party, party == 0 ? shares[0] : 1 - shares[1])
                default: return utility(party, divisible ? (party == 0 ? 0 : 1) : lower)  // no share: v_i(0)
                }
            }
        }
        guard lo <= hi else {
            return BargainingSet(kind: divisible ? .divisible : .range, disagreement: d, curve: BargainingCurve(pieces: [], settings: settings), offers: [],
                                 reason: .redLinesForbidIssue(issue: j, redLines: scenario.redLineReferences.filter {
                                     if case .bounds(j, _, _) = scenario.redLine($0) { return true }
                                     return false
                                 }))
        }
        var parameters = [lo, hi]
        for (party, preference) in scenario.preferences.enumerated() {
            guard case .piecewise(let points)? = preference.values[j] else { continue }
            parameters += points.map { argument(party, $0.x) }.filter { $0 > lo && $0 < hi }
        }
        parameters = Array(Set(parameters)).sorted()
        let vertex = { (s: Double) in BargainingCurve.Vertex(utilities: [utility(0, s), utility(1, s)], package: package(s)) }
        let tolerance = d.map { settings.tieTolerance * max(1, abs($0)) }
        func rational(_ u: [Double]) -> Bool { u[0] >= d[0] - tolerance[0] && u[1] >= d[1] - tolerance[1] }

        // Cut every linear piece to the individually rational region (an interval of it).
        var pieces: [[Double]] = []  // parameters of each rational stretch
        var current: [Double] = []
        if parameters.count == 1, rational(vertex(parameters[0]).utilities) { pieces.append(parameters) }
        for (s, t) in zip(parameters, parameters.dropFirst()) {
            let (a, b) = (vertex(s).utilities, vertex(t).utilities)
            var (from, to) = (0.0, 1.0)
            for i in 0..<2 {
                let slope = b[i] - a[i], room = a[i] - d[i] + tolerance[i]  // a + λ·slope ≥ d − tol
                if slope == 0 { if room < 0 { (from, to) = (1, 0) } }
                else if slope > 0 { from = max(from, -room / slope) }
                else { to = min(to, -room / slope) }
            }
            guard from <= to else {
                if !current.isEmpty { pieces.append(current); current = [] }
                continue
            }
            let (start, end) = (s + from * (t - s), s + to * (t - s))
            if from > 0, !current.isEmpty { pieces.append(current); current = [] }
            if current.isEmpty { current.append(start) }
            current.append(end)
            if to < 1 { pieces.append(current); current = [] }
        }
        if !current.isEmpty { pieces.append(current) }

        let curve = BargainingCurve(pieces: pieces.map { $0.map(vertex) }, settings: settings)
        // Zeuthen's offers: every stretch sampled at least every 1/100 of the range, then the
        // Pareto-optimal ones (sort by u_0 descending, keep strictly rising u_1).
        let step = (upper - lower) / 100
        var samples: [BargainingCurve.Vertex] = []
        for piece in pieces {
            guard let first = piece.first else { continue }
            samples.append(vertex(first))
            for (s, t) in zip(piece, piece.dropFirst()) {
                let count = max(1, Int(((t - s) / max(step, .leastNonzeroMagnitude)).rounded(.up)))
                for k in 1...count { samples.append(vertex(k == count ? t : s + (t - s) * Double(k) / Double(count))) }
            }
        }
        samples.sort { $0.utilities[0] != $1.utilities[0] ? $0.utilities[0] > $1.utilities[0] : $0.utilities[1] > $1.utilities[1] }
        var offers: [BargainingCurve.Vertex] = []
        for sample in samples where offers.last.map({ sample.utilities[1] > $0.utilities[1] }) ?? true { offers.append(sample) }
        let reason: NoAgreementReason? = curve.isEmpty ? .noJointGain(redLines: []) : nil
        return BargainingSet(kind: divisible ? .divisible : .range, disagreement: d, curve: curve, offers: offers, reason: reason)
    }
}
