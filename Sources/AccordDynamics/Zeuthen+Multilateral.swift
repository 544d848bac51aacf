import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

extension Zeuthen {
    /// Zeuthen's concession process among n parties (Harsanyi's generalization of Zeuthen's
    /// principle), over a finite set of Pareto-optimal offers, with bargaining power.
    ///
    /// Each party opens with its best offer. In every round the party whose current offer has the
    /// smallest power-weighted Nash product `Π (u_j − d_j)^{p_j}` concedes — for two parties
    /// exactly the one with the smaller weighted Zeuthen risk (`run(offers:…)`); a party's risk
    /// here is against the offer that is worst for it, `(u_i(own) − min_j u_i(x_j)) / (u_i(own) − d_i)`.
    /// The conceder makes the smallest concession that makes its offer the best on the table: its
    /// best offer whose Nash product exceeds every current offer's; when there is none, it
    /// accepts the best offer on the table. The process ends when every party makes the same
    /// offer. Every concession raises the best Nash product on the table or moves a party onto
    /// it, so it ends within n·F rounds, at the offer of largest Nash product: the (weighted)
    /// Nash solution among the offers, up to ties within `settings.tieTolerance`.
    ///
    /// - Parameter offers: Pareto-optimal acceptable outcomes with distinct utilities.
    /// - Returns: `nil` when `offers` is empty.
    /// - Complexity: O(n · F) rounds of O(n · F) each, for F offers.
    public static func runMultilateral(
        offers: [BargainingCurve.Vertex], disagreement d: [Double], power p: [Double], first: Int, settings: SolverSettings = SolverSettings()
    ) -> ZeuthenPath? {
        guard !offers.isEmpty else { return nil }
        let n = d.count
        let objective = NashObjective(disagreement: d, power: p)
        let score = offers.map { objective.value($0.utilities) ?? -.infinity }
        func beats(_ a: Double, _ b: Double) -> Bool { a > b + settings.tieTolerance && a > -.infinity }
        // Each party's best offer (ties: the larger Nash product, then the earlier).
        var current = (0..<n).map { i in
            offers.indices.max { a, b in
                offers[a].utilities[i] != offers[b].utilities[i] ? offers[a].utilities[i] < offers[b].utilities[i] : score[a] < score[b]
            } ?? 0
        }
        let meanPower = p.reduce(0, +) / Double(n)
        var path: [ZeuthenOffer] = []
        var round = 1
        let order = (0..<n).map { (first + $0) % n }
        func record(conceder: Int?, accepted: Int?) {
            for i in order {
                let mine = offers[current[i]].utilities[i]
                let worst = current.map { offers[$0].utilities[i] }.min() ?? mine
                let stake = mine - d[i]
                let z = stake > 0 ? (mine - worst) / stake : 0
                path.append(ZeuthenOffer(
                    round: round, proposer: i, offer: offers[current[i]], risk: z,
                    weightedRisk: z >= 1 ? 1 : 1 - pow(1 - z, p[i] / meanPower), concedes: conceder == i, accepted: accepted == i))
            }
        }
        while true {
            if Set(current).count == 1 {
                record(conceder: nil, accepted: first)
                return ZeuthenPath(offers: path, agreement: offers[current[0]], rounds: round)
            }
            let best = current.map { score[$0] }.max() ?? -.infinity
            // The conceder: the smallest Nash product on the table (ties: the first in order).
            guard let conceder = order.min(by: { score[current[$0]] < score[current[$1]] }) else { return nil }
            let leader = order.first { score[current[$0]] == best } ?? conceder
            if !beats(best, score[current[conceder]]) {
                // Every offer on the table ties: the one with the largest Σ u_i is agreed.
                let chosen = order.max { offers[current[$0]].utilities.reduce(0, +) < offers[current[$1]].utilities.reduce(0, +) } ?? first
                record(conceder: nil, accepted: chosen)
                return ZeuthenPath(offers: path, agreement: offers[current[chosen]], rounds: round)
            }
            record(conceder: conceder, accepted: nil)
            let better = offers.indices.filter { beats(score[$0], best) }
            if let step = better.max(by: { offers[$0].utilities[conceder] < offers[$1].utilities[conceder] }) {
                current[conceder] = step
            } else {
                current[conceder] = current[leader]  // it accepts the best offer on the table
            }
            round += 1
        }
    }
}

/// Zeuthen's process among three or more parties on a discrete scenario (`dynamics --protocol
/// zeuthen`), with the Nash solution on the same offers for comparison.
public struct MultilateralZeuthenReport: Sendable {
    public var scenario: Scenario
    public var disagreement: [Double]
    public var firstProposer: Int
    /// `nil` when no package is acceptable to every party (`noAgreementReason`).
    public var path: ZeuthenPath?
    public var nash: BargainingCurve.Point?
    public var offerCount: Int
    public var noAgreementReason: NoAgreementReason?
}

extension Dynamics {
    /// `Zeuthen.runMultilateral` on the Pareto frontier of a discrete scenario with three or
    /// more parties.
    /// - Throws: `ScenarioError.unsupported` for continuous issues; a refusal of the frontier.
    public static func multilateralZeuthen(
        _ scenario: Scenario, file: String, first: Int = 0, settings: SolverSettings = SolverSettings()
    ) throws(ScenarioError) -> MultilateralZeuthenReport {
        guard scenario.issues.allSatisfy({ $0.options != nil }) else {
            throw .unsupported(file: file, reason: "Zeuthen's process among \(scenario.parties.count) parties runs on discrete issues (its offers are the Pareto frontier's packages); this scenario has continuous ones")
        }
        let problem = try BargainingProblem(scenario, file: file, concepts: [.nash])
        let solution = Solver.solve(problem, settings: settings)
        if case .refused(let refusal) = solution.status { throw .refused(file: file, refusal) }
        let disagreement = solution.disagreement
        var report = MultilateralZeuthenReport(
            scenario: scenario, disagreement: disagreement, firstProposer: first, path: nil, nash: nil, offerCount: 0,
            noAgreementReason: solution.noAgreementReason)
        guard let frontier = solution.frontier, !frontier.isEmpty else { return report }
        let offers = (0..<frontier.count).map {
            BargainingCurve.Vertex(utilities: frontier.utilities(at: $0), package: frontier.package(at: $0).map(IssueValue.option))
        }
        let power = scenario.parties.map(\.power)
        report.offerCount = offers.count
        report.path = Zeuthen.runMultilateral(offers: offers, disagreement: disagreement, power: power, first: first, settings: settings)
        // The solve above chose the Nash solution among these same frontier packages.
        report.nash = solution.solutions.first?.result.agreement.map { BargainingCurve.Point(utilities: $0.utilities, outcome: .package($0.package)) }
        return report
    }
}
