import Accord
import Foundation
import Testing

/// Baron–Ferejohn bargaining against its closed form and its own equilibrium conditions.
@Suite struct BaronFerejohnTests {
    /// `n` parties splitting one unit, utility = own share (times `scale`), reservation 0.
    static func pie(_ n: Int, scale: Double = 1, rule: DecisionRule = .unanimity) throws -> Scenario {
        var scenario = try Scenario(
            name: "pie", parties: (0..<n).map { Party(id: "P\($0)") }, issues: [Issue(id: "pie", domain: .divisible)],
            preferences: (0..<n).map { _ in Preference(weights: [scale], values: [.piecewise([.init(x: 0, value: 0), .init(x: 1, value: 1)])]) })
        scenario.decisionRule = rule
        return try scenario.validated(file: "pie")
    }

    /// Baron and Ferejohn (1989), equal recognition and a common δ: the proposer keeps
    /// `1 − δ(q − 1)/n`, each of `q − 1` partners gets `δ/n`, every party expects `1/n`.
    @Test(arguments: [(3, 2, 0.9), (5, 3, 0.9), (5, 5, 0.5), (7, 4, 0.95), (9, 5, 0.8), (2, 2, 0.6), (11, 1, 0.9)])
    func closedForm(_ n: Int, _ q: Int, _ δ: Double) throws {
        let solution = try BaronFerejohn.solve(
            Self.pie(n), file: "pie", quota: q, recognition: Array(repeating: 1 / Double(n), count: n), discount: Array(repeating: δ, count: n))
        #expect(solution.converged)
        for proposal in solution.proposals {
            #expect(abs(proposal.shares[proposal.proposer] - (1 - δ * Double(q - 1) / Double(n))) < 1e-12)
            // Partners: each other party with chance (q − 1)/(n − 1), paid δ/n when chosen.
            for j in 0..<n where j != proposal.proposer {
                #expect(abs(proposal.partnerProbability[j] - Double(q - 1) / Double(n - 1)) < 1e-12)
                #expect(abs(proposal.shares[j] - proposal.partnerProbability[j] * δ / Double(n)) < 1e-12)
            }
        }
        for value in solution.expectedUtilities { #expect(abs(value - 1 / Double(n)) < 1e-12) }
    }

    /// A chair recognized with chance 0.4, four members with 0.15 each, δ = 0.9, majority (q = 3).
    /// By hand: members' votes cost `c = 0.9 y` (y a member's value) and the chair's is dearer, so
    /// `y = 0.15 (1 − 2c) + 0.4 · ½ · c + 0.45 · ⅔ · c = 0.15 + 0.18 y`, `y = 0.15/0.82`, and the
    /// chair expects `0.4 (1 − 1.8 y)`.
    @Test func agendaPower() throws {
        let solution = try BaronFerejohn.solve(
            Self.pie(5), file: "pie", quota: 3, recognition: [0.4, 0.15, 0.15, 0.15, 0.15], discount: Array(repeating: 0.9, count: 5))
        let y = 0.15 / 0.82
        #expect(solution.converged)
        #expect(abs(solution.expectedUtilities[0] - 0.4 * (1 - 1.8 * y)) < 1e-12)
        for j in 1..<5 { #expect(abs(solution.expectedUtilities[j] - y) < 1e-12) }
        #expect(solution.proposals[1].partnerProbability[0] == 0, "members never buy the chair's dearer vote")
    }

    /// The equilibrium conditions, checked on the answer for unequal recognition and discounts:
    /// `V_j = Σ_i r_i E[u_j | i]`, every bought vote priced at `δ_j V_j` (the least the partner
    /// accepts), only the cheapest votes bought, each proposer's shares summing to 1.
    @Test(arguments: UInt64(1)...12)
    func equilibriumConditions(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let n = 3 + Int(rng.next() % 4)
        var recognition = (0..<n).map { _ in 0.2 + rng.unit() }
        let total = recognition.reduce(0, +)
        recognition = recognition.map { $0 / total }
        let discount = (0..<n).map { _ in 0.5 + 0.45 * rng.unit() }
        let q = 1 + Int(rng.next() % UInt64(n))
        let solution = try BaronFerejohn.solve(Self.pie(n), file: "pie", quota: q, recognition: recognition, discount: discount, maxIterations: 100_000)
        // Where the equilibrium mixes, the averaging stops short: its reported residual bounds
        // the error of the fixed point, and prices are checked to a hundred times it.
        let tolerance = solution.converged ? 1e-9 : solution.residual * 1.0001 + 1e-12
        #expect(solution.residual < 1e-3, "seed \(seed): residual \(solution.residual)")
        let V = solution.expectedUtilities
        for j in 0..<n {
            let expected = (0..<n).reduce(0.0) { $0 + recognition[$1] * solution.proposals[$1].utilities[j] }
            #expect(abs(expected - V[j]) < tolerance, "seed \(seed)")
        }
        for proposal in solution.proposals {
            let i = proposal.proposer
            #expect(abs(proposal.shares.reduce(0, +) - 1) < 1e-9, "seed \(seed)")
            #expect(abs(proposal.partnerProbability.reduce(0, +) - Double(q - 1)) < 1e-9, "seed \(seed)")
            let bought = (0..<n).filter { $0 != i && proposal.partnerProbability[$0] > 1e-9 }
            let notBought = (0..<n).filter { $0 != i && proposal.partnerProbability[$0] < 1 - 1e-9 }
            for j in bought {
                #expect(abs(proposal.shares[j] / proposal.partnerProbability[j] - discount[j] * V[j]) < tolerance * 100, "seed \(seed): price of \(j)")
                for k in notBought { #expect(discount[j] * V[j] <= discount[k] * V[k] + tolerance * 100, "seed \(seed): \(j) bought before cheaper \(k)") }
            }
        }
    }

    @Test func commandLine() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("pie5.yaml")
        var scenario = try Self.pie(5, rule: DecisionRule(kind: .majority))
        for i in 0..<5 { scenario.parties[i].discount = 0.9 }
        try Data(scenario.yaml.utf8).write(to: file)
        let result = try AccordExecutable.run(["dynamics", file.path, "--protocol", "baron-ferejohn", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["quota"] as? Int == 3, "majority of 5")
        let proposals = try #require(json["proposals"] as? [[String: Any]])
        let first = try #require((proposals[0]["package"] as? [String: [String: Double]])?["pie"]?["P0"])
        #expect(abs(first - (1 - 0.9 * 2 / 5)) < 1e-12)
        for (arguments, status, message) in [
            (["--recognition", "P0=0.5,P1=0.2"], Int32(64), "--recognition: the probabilities must sum to 1"),
            (["--recognition", "Q=1"], 64, "--recognition names unknown party 'Q'"),
            (["--recognition", "P0=1.5"], 64, "the probability of 'P0' must be in [0, 1]"),
        ] {
            let bad = try AccordExecutable.run(["dynamics", file.path, "--protocol", "baron-ferejohn"] + arguments)
            #expect(bad.status == status, "\(arguments): \(bad.stderr)")
            #expect(bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
        }
        // Not one divisible unit: refused with the reason (exit 65).
        let other = try AccordExecutable.run(["dynamics", Repository.data("climate-finance.yaml"), "--protocol", "baron-ferejohn", "--discount", "USA=0.9,EU=0.9,CHN=0.9,IND=0.9,GULF=0.9,AGN=0.9,LDC=0.9,AOSIS=0.9"])
        #expect(other.status == 65, "\(other.stderr)")
        #expect(other.stderr.contains("Baron–Ferejohn bargaining is modelled on one divisible issue"), "\(other.stderr)")
    }
}

/// Zeuthen's process among n parties ends at the (weighted) Nash solution: against `accord
/// solve`'s Nash package on random discrete scenarios (3–5 parties, unequal powers), whose Nash
/// product no other frontier package beats.
@Suite struct MultilateralZeuthenTests {
    @Test(arguments: UInt64(1)...30)
    func endsAtNash(seed: UInt64) throws {
        var generator = ScenarioGenerator()
        var rng = SeededGenerator(seed: seed &+ 5)
        generator.parties = 3 + Int(rng.next() % 3)
        generator.issues = 2 + Int(rng.next() % 3)
        generator.options = 2 + Int(rng.next() % 3)
        generator.reservation = 0.3
        generator.seed = seed
        var scenario = generator.generate()
        for i in scenario.parties.indices { scenario.parties[i].power = [1, 0.5, 2, 1.5][Int(rng.next() % 4)] }
        scenario = try scenario.validated(file: "random")
        let report = try Dynamics.multilateralZeuthen(scenario, file: "random")
        let solved = Solver.solve(try BargainingProblem(scenario, file: "random", concepts: [.nash]))
        guard let nash = solved.solutions.first?.result.agreement else {
            #expect(report.path == nil || report.nash == nil, "seed \(seed)")
            return
        }
        let path = try #require(report.path, "seed \(seed)")
        let objective = NashObjective(disagreement: solved.disagreement, power: scenario.parties.map(\.power))
        let reached = try #require(objective.value(path.agreement.utilities), "seed \(seed)")
        let best = try #require(objective.value(nash.utilities), "seed \(seed)")
        #expect(abs(reached - best) <= 1e-9, "seed \(seed): the process ends at Nash product \(reached), the Nash solution has \(best)")
        // Every round one party concedes or all agree; each round lists every party's offer.
        #expect(path.offers.count == path.rounds * scenario.parties.count, "seed \(seed)")
    }
}
