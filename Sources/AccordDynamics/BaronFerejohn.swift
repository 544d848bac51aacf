import AccordModel

/// Baron and Ferejohn's (1989) legislative bargaining with a closed rule, on one divisible unit:
/// each round a party is recognized with probability `r_i` and proposes a split; the proposal
/// passes when at least `q` parties (the proposer included) accept, else the next round starts
/// and every gain is discounted by the party's `δ_i`.
///
/// The stationary subgame-perfect equilibrium: with `V_j` party `j`'s expected equilibrium
/// utility, `j` accepts a share `x_j` when `u_j(x_j) − d_j ≥ δ_j (V_j − d_j)`, so its vote costs
/// `c_j = u_j⁻¹(d_j + δ_j (V_j − d_j))` of the unit (0 when even nothing satisfies it). The proposer
/// buys the `q − 1` cheapest votes (randomizing evenly among partners of equal cost — within
/// 10^-12 of the unit —, as in the symmetric equilibrium) and keeps the rest. `V` is the fixed point of
/// `V_j = Σ_i r_i E[u_j | i proposes]`, found by iterating that map (a contraction when every
/// `δ_j < 1`). With equal `r = 1/n`, `δ`, utility = share and `d = 0`: `V_j = 1/n`, a partner gets
/// `δ/n` and the proposer keeps `1 − δ(q − 1)/n` (Baron–Ferejohn's closed form).
///
/// Scope: one divisible issue, each party's utility linear and increasing in its own share
/// (`weight · value`, a value with two points); any number of parties.
public struct BaronFerejohnSolution: Sendable {
    /// What party `proposer` proposes when recognized: the expected share of every party (the
    /// proposer's own, and each partner's times its chance of being chosen).
    public struct Proposal: Sendable {
        public var proposer: Int
        public var shares: [Double]
        /// The chance that each party is among the partners whose votes the proposer buys.
        public var partnerProbability: [Double]
        public var utilities: [Double]
    }

    public var scenario: Scenario
    public var quota: Int
    public var recognition: [Double]
    public var discount: [Double]
    public var disagreement: [Double]
    public var proposals: [Proposal]
    /// `V`: each party's expected utility in equilibrium (before anyone is recognized).
    public var expectedUtilities: [Double]
    /// Each party's expected share.
    public var expectedShares: [Double]
    public var iterations: Int
    /// `max_j |V_j − Σ_i r_i E[u_j | i proposes]|` at the end: ≤ the tolerance when converged.
    public var residual: Double
    public var converged: Bool
}

public enum BaronFerejohn {
    /// Plain iterations before switching to averaging.
    static let plainIterations = 2_000

    /// The stationary equilibrium of `scenario` (see `BaronFerejohnSolution`).
    ///
    /// - Parameters:
    ///   - quota: the number of parties, the proposer included, whose acceptance passes a proposal.
    ///   - recognition: `r_i ≥ 0` summing to 1, in party order.
    ///   - discount: `δ_i ∈ (0, 1]`, in party order, at least one below 1.
    ///   - maxIterations: `nil`: about 2·10^7 / n² (at least `plainIterations`). The averaging
    ///     converges like 1/k: where the equilibrium mixes, expect a residual near 10^-7, and
    ///     `converged` false.
    /// - Throws: `ScenarioError.unsupported` naming what does not fit the model.
    /// - Complexity: O(iterations · n² log n); iterations ≤ `maxIterations`, each shrinking the
    ///   error by `max δ`.
    public static func solve(
        _ scenario: Scenario, file: String, quota: Int, recognition: [Double], discount: [Double], tolerance: Double = 1e-12, maxIterations: Int? = nil
    ) throws(ScenarioError) -> BaronFerejohnSolution {
        let n = scenario.parties.count
        guard scenario.issues.count == 1, scenario.issues[0].domain == .divisible else {
            throw .unsupported(file: file, reason: "Baron–Ferejohn bargaining is modelled on one divisible issue (a unit to split); this scenario has \(scenario.issues.count) issue(s)\(scenario.issues.count == 1 ? " of kind \(scenario.issues[0].domain.kindName)" : "")")
        }
        guard (1...n).contains(quota) else { throw .unsupported(file: file, reason: "the quota must be between 1 and \(n) parties, found \(quota)") }
        guard recognition.count == n, recognition.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(recognition.reduce(0, +) - 1) <= 1e-9 else {
            throw .unsupported(file: file, reason: "recognition probabilities must be ≥ 0 and sum to 1")
        }
        guard discount.count == n, discount.allSatisfy({ $0 > 0 && $0 <= 1 }), discount.contains(where: { $0 < 1 }) else {
            throw .unsupported(file: file, reason: "Baron–Ferejohn needs a discount factor in (0, 1] for every party, at least one below 1")
        }
        // u_j(x) = offset_j + slope_j · x.
        var offset = [Double](repeating: 0, count: n), slope = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let weight = scenario.preferences[j].weights[0]
            guard case .piecewise(let points)? = scenario.preferences[j].values[0], points.count == 2, weight > 0,
                  points[1].value > points[0].value else {
                throw .unsupported(file: file, reason: "Baron–Ferejohn needs every party's value of its own share to be linear and increasing (two points, weight > 0); party '\(scenario.parties[j].id)' has another")
            }
            let rate = (points[1].value - points[0].value) / (points[1].x - points[0].x)
            slope[j] = weight * rate
            offset[j] = weight * (points[0].value - rate * points[0].x)
        }
        if let line = scenario.preferences.indices.first(where: { !scenario.preferences[$0].redLines.isEmpty }) {
            throw .unsupported(file: file, reason: "Baron–Ferejohn does not model red lines (party '\(scenario.parties[line].id)' has one)")
        }
        let d = scenario.parties.map(\.reservation)
        // Every party must gain from the whole unit, or its vote cannot be bought.
        if let j = (0..<n).first(where: { offset[$0] + slope[$0] < d[$0] }) {
            throw .unsupported(file: file, reason: "party '\(scenario.parties[j].id)' is below its reservation even with the whole unit: no agreement zone")
        }

        func proposals(_ value: [Double]) -> [BaronFerejohnSolution.Proposal] {
            // The share that buys j's vote.
            var cost = [Double](repeating: 0, count: n)
            for j in 0..<n {
                let needed: Double = d[j] + discount[j] * (value[j] - d[j]) - offset[j]
                cost[j] = max(0, needed / slope[j])
            }
            return (0..<n).map { i in
                var shares = [Double](repeating: 0, count: n), chance = [Double](repeating: 0, count: n)
                let others = (0..<n).filter { $0 != i }.sorted { cost[$0] < cost[$1] }
                var needed = quota - 1, k = 0
                while needed > 0 && k < others.count {
                    // The group of equal cost at k: all chosen when it fits, else each by chance.
                    var end = k
                    // Costs equal up to rounding (1e-12 of the unit) tie: a symmetric party must not
                    // be preferred for the last bit of its cost.
                    while end < others.count && cost[others[end]] - cost[others[k]] <= 1e-12 { end += 1 }
                    let group = others[k..<end]
                    let p = min(1, Double(needed) / Double(group.count))
                    for j in group { chance[j] = p; shares[j] = p * cost[j] }
                    needed -= min(needed, group.count)
                    k = end
                }
                shares[i] = max(0, 1 - shares.reduce(0, +))
                var utilities = [Double](repeating: 0, count: n)
                for j in 0..<n {
                    let bought: Double = offset[j] + slope[j] * cost[j]
                    utilities[j] = j == i ? offset[j] + slope[j] * shares[j] : chance[j] * bought + (1 - chance[j]) * offset[j]
                }
                return BaronFerejohnSolution.Proposal(proposer: i, shares: shares, partnerProbability: chance, utilities: utilities)
            }
        }
        // About 2·10^7 elementary steps in all, whatever n.
        let maxIterations = maxIterations ?? max(Self.plainIterations, 20_000_000 / (n * n))
        func expected(_ proposals: [BaronFerejohnSolution.Proposal]) -> [Double] {
            (0..<n).map { j in (0..<n).reduce(0.0) { $0 + recognition[$1] * proposals[$1].utilities[j] } }
        }
        func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
        var value = (0..<n).map { offset[$0] + slope[$0] / Double(n) }
        var residual = Double.infinity, iterations = 0
        var current = proposals(value)
        let scale = max(1, value.map(abs).max() ?? 1)
        // Plain iteration first: it converges geometrically where the partners' ranking settles.
        while iterations < min(maxIterations, Self.plainIterations) {
            iterations += 1
            let next = expected(current)
            residual = distance(next, value)
            value = next
            current = proposals(value)
            if residual <= tolerance * scale { break }
        }
        // Where it cycles (partners' costs cross back and forth, so the equilibrium mixes between
        // them), Mann's averaging V ← V + (F(V) − V)/(k + 1) converges to the fixed point of the
        // convexified map, and the proposals averaged with the same weights are the mixed
        // strategies; its residual is reported as it is.
        // The strategies are averaged over the second half of the averaging only (`restart`), so
        // that the early iterates, far from the fixed point, do not stay in them.
        if residual > tolerance * scale {
            var average = current
            var k = 1.0, strategyCount = 1.0
            let restart = iterations + (maxIterations - iterations) / 2
            while iterations < maxIterations && residual > tolerance * scale {
                iterations += 1
                k += 1
                let step = proposals(value)
                if iterations == restart { average = step; strategyCount = 1 } else { strategyCount += 1 }
                for i in 0..<n {
                    for j in 0..<n {
                        average[i].shares[j] += (step[i].shares[j] - average[i].shares[j]) / strategyCount
                        average[i].partnerProbability[j] += (step[i].partnerProbability[j] - average[i].partnerProbability[j]) / strategyCount
                        average[i].utilities[j] += (step[i].utilities[j] - average[i].utilities[j]) / strategyCount
                    }
                }
                let next = expected(step)
                value = zip(value, next).map { $0 + ($1 - $0) / k }
                residual = distance(expected(average), value)
            }
            current = average
        }
        let expectedShares = (0..<n).map { j in (0..<n).reduce(0.0) { $0 + recognition[$1] * current[$1].shares[j] } }
        return BaronFerejohnSolution(
            scenario: scenario, quota: quota, recognition: recognition, discount: discount, disagreement: d, proposals: current,
            expectedUtilities: value, expectedShares: expectedShares, iterations: iterations, residual: residual,
            converged: residual <= tolerance * scale)
    }
}
