import Accord
import BigInt
import Foundation
import Testing

/// `CoalitionAnalysis` against a brute force written from the definitions (DESIGN.md §2.5) in
/// exact rationals: every package of small random discrete scenarios, every coalition, the
/// decision rule read from its shares (`w(S)/W ≥ q`, `|S|/n ≥ m`, …) with no integer scaling.
@Suite struct CoalitionAnalysisTests {
    /// A number of the scenario as the fraction it stands for.
    static func exact(_ x: Double) -> ExactRational {
        let fraction = ExactFraction(x)!
        return ExactRational(numerator: BigInt(fraction.numerator), denominator: BigInt(fraction.denominator))!
    }

    /// Party `i`'s exact utility of a discrete package.
    static func utility(_ s: Scenario, _ package: [Int], _ i: Int) -> ExactRational {
        var total = ExactRational.zero
        for (j, option) in package.enumerated() {
            guard case .table(let table)? = s.preferences[i].values[j] else { continue }
            total += exact(s.preferences[i].weights[j]) * exact(table[option])
        }
        for interaction in s.preferences[i].interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
            total += exact(interaction.value)
        }
        return total
    }

    static func crosses(_ s: Scenario, _ package: [Int], _ i: Int) -> Bool {
        s.preferences[i].redLines.contains { line in
            switch line {
            case .forbid(let issue, let options): return options.contains(package[issue])
            case .forbidCombination(let choices): return choices.allSatisfy { package[$0.issue] == $0.option }
            case .bounds: return false
            }
        }
    }

    /// Whether `S` (a bit set) wins: each share it holds is at least its threshold, in rationals.
    static func wins(_ s: Scenario, _ S: UInt64) -> Bool {
        let n = s.parties.count
        let members = (0..<n).filter { S >> UInt64($0) & 1 == 1 }
        let rule = s.decisionRule
        let count = ExactRational(members.count), all = ExactRational(n)
        switch rule.kind {
        case .unanimity: return members.count == n
        case .majority:
            if let q = rule.quota { guard count >= exact(q) * all else { return false } } else { guard count * ExactRational(2) > all else { return false } }
        case .weighted:
            let total = s.parties.reduce(ExactRational.zero) { $0 + exact($1.weight!) }
            let held = members.reduce(ExactRational.zero) { $0 + exact(s.parties[$1].weight!) }
            guard held >= exact(rule.quota!) * total else { return false }
        }
        if let m = rule.members, count < exact(m) * all { return false }
        if let k = rule.minParties, members.count < k { return false }
        return true
    }

    static func randomScenario(seed: UInt64) -> Scenario {
        var rng = SeededGenerator(seed: seed &* 7919 &+ 13)
        var generator = ScenarioGenerator()
        generator.parties = 3 + Int(rng.next() % 4)
        generator.issues = 2 + Int(rng.next() % 3)
        generator.options = 2 + Int(rng.next() % 3)
        generator.decimals = rng.next() % 2 == 0 ? 2 : 0
        generator.forbids = Int(rng.next() % 3)
        generator.combinations = Int(rng.next() % 2)
        generator.interactions = Int(rng.next() % 2)
        generator.reservation = [0.3, 0.5, 0.6, 0.7][Int(rng.next() % 4)]
        generator.seed = seed
        var s = generator.generate()
        let n = s.parties.count
        for i in 0..<n {
            s.parties[i].weight = [0, 0.5, 1, 1.5, 2.25, 3, 0.1, 0.2][Int(rng.next() % 8)]
            s.parties[i].power = [1, 0.5, 2][Int(rng.next() % 3)]
        }
        if s.parties.allSatisfy({ $0.weight == 0 }) { s.parties[0].weight = 1 }
        switch rng.next() % 4 {
        case 0: s.decisionRule = .unanimity
        case 1: s.decisionRule = DecisionRule(kind: .majority, quota: rng.next() % 2 == 0 ? nil : [0.5, 0.6, 0.75][Int(rng.next() % 3)])
        default:
            s.decisionRule = DecisionRule(
                kind: .weighted, quota: [0.3, 0.5, 0.55, 0.65, 0.9, 1][Int(rng.next() % 6)],
                members: rng.next() % 2 == 0 ? nil : [0.4, 0.55][Int(rng.next() % 2)],
                minParties: rng.next() % 3 == 0 ? 2 : nil)
        }
        return s
    }

    @Test("every answer against brute force over all packages and coalitions (80 seeds)")
    func bruteForce() throws {
        for seed in UInt64(1)...80 {
            let s = Self.randomScenario(seed: seed)
            let n = s.parties.count
            let problem = try BargainingProblem(s, file: "random", concepts: [.nash])
            let analysis = try CoalitionAnalysis.analyze(problem, transfers: true, listLimit: 1000)
            let options = s.issues.map { $0.options!.count }
            var packages: [[Int]] = [[]]
            for count in options { packages = packages.flatMap { p in (0..<count).map { p + [$0] } } }
            let d = s.parties.map { Self.exact($0.reservation) }
            let accepted = packages.map { p in (0..<n).filter { !Self.crosses(s, p, $0) && Self.utility(s, p, $0) >= d[$0] } }
            let sets = accepted.map { $0.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }
            func canAgree(_ S: UInt64) -> Bool { sets.contains { $0 & S == S } }
            let grand = UInt64(1) << UInt64(n) - 1
            let context = "seed \(seed): \(s.decisionRule), weights \(s.parties.map { $0.weight! })"

            // The package's acceptors, winning, pivotal.
            if let package = analysis.package {
                let p = package.map { $0.option! }
                let accepting = (0..<n).filter { !Self.crosses(s, p, $0) && Self.utility(s, p, $0) >= d[$0] }
                #expect(analysis.accepting == accepting, "\(context)")
                let A = accepting.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
                #expect(analysis.winning == Self.wins(s, A), "\(context)")
                let pivotal = Self.wins(s, A)
                    ? accepting.filter { !Self.wins(s, A & ~(1 << UInt64($0))) }
                    : (0..<n).filter { A >> UInt64($0) & 1 == 0 && Self.wins(s, A | 1 << UInt64($0)) }
                #expect(analysis.pivotal == pivotal, "\(context)")
            } else {
                // Nash needs a package with every gain positive (DESIGN.md §1.3).
                #expect(!packages.indices.contains { k in sets[k] == grand && (0..<n).allSatisfy { Self.utility(s, packages[k], $0) > d[$0] } },
                        "\(context): no Nash package although one gives every party a positive gain")
            }

            // Veto players: in every winning coalition that can agree.
            let agreeingWinners = (1...grand).filter { Self.wins(s, $0) && canAgree($0) }
            let veto = agreeingWinners.isEmpty ? [] : (0..<n).filter { i in agreeingWinners.allSatisfy { $0 >> UInt64(i) & 1 == 1 } }
            #expect(analysis.vetoPlayers == veto, "\(context)")

            // Minimal winning coalitions that can agree, and the Nash solution of each.
            let minimal = agreeingWinners.filter { S in (0..<n).allSatisfy { S >> UInt64($0) & 1 == 0 || !Self.wins(s, S & ~(1 << UInt64($0))) } }
            #expect(analysis.minimalWinning.count == BigUInt(minimal.count), "\(context)")
            #expect(Set(analysis.minimalWinning.listed.map { $0.members.reduce(UInt64(0)) { $0 | 1 << UInt64($1) } }) == Set(minimal), "\(context)")
            for listed in analysis.minimalWinning.listed {
                let S = listed.members.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
                let positive = packages.indices.contains { k in sets[k] & S == S && listed.members.allSatisfy { Self.utility(s, packages[k], $0) > d[$0] } }
                guard let nash = listed.nash else {
                    #expect(!positive || listed.members.count == 1, "\(context): no Nash package for \(listed.members) although one gives each a positive gain")
                    continue
                }
                let p = nash.package.map { $0.option! }
                #expect(listed.members.allSatisfy { !Self.crosses(s, p, $0) && Self.utility(s, p, $0) >= d[$0] }, "\(context): Nash of \(listed.members) not acceptable to them")
                // Its Nash product is the largest among the packages every member accepts with a positive gain.
                func product(_ q: [Int]) -> Double? {
                    let gains = listed.members.map { (Self.utility(s, q, $0) - d[$0]).doubleValue }
                    guard gains.allSatisfy({ $0 > 0 }) else { return nil }
                    return zip(listed.members, gains).reduce(0) { $0 + s.parties[$1.0].power * log($1.1) }
                }
                let best = packages.indices.filter { sets[$0] & S == S }.compactMap { product(packages[$0]) }.max()
                if let best, let found = product(p) { #expect(abs(found - best) <= 1e-9 * max(1, abs(best)), "\(context): Nash of \(listed.members)") }
            }

            // With transfers: v(S) = the best joint gain of a winning coalition, 0 otherwise.
            let game = try #require(analysis.transfers?.game, "\(context)")
            for S in 1...grand {
                var best = 0.0
                if Self.wins(s, S) {
                    for (index, p) in packages.enumerated() where sets[index] & S == S {
                        let members = (0..<n).filter { S >> UInt64($0) & 1 == 1 }
                        best = max(best, members.reduce(0.0) { $0 + (Self.utility(s, p, $1) - d[$1]).doubleValue })
                    }
                }
                #expect(abs(game.value(Coalition(bits: S)) - best) <= 1e-9, "\(context): v(\(S))")
            }
        }
    }

    /// Blocs voting as one, against the definitions: a bloc accepts when its accepting members
    /// win under its own rule (checked on the bloc's parties alone), a set of units wins when
    /// all their members win under the scenario's rule; power by every ordering of the units.
    @Test("blocs: inside and among, against brute force (60 seeds)")
    func blocs() throws {
        var checked = 0
        for seed in UInt64(1)...60 {
            var s = Self.randomScenario(seed: seed)
            var rng = SeededGenerator(seed: seed &+ 99)
            let n = s.parties.count
            var order = Array(0..<n)
            order.shuffle(using: &rng)
            let first = 1 + Int(rng.next() % UInt64(n - 1)), second = Int(rng.next() % UInt64(n - first + 1))
            let rules = [DecisionRule.unanimity, DecisionRule(kind: .majority), DecisionRule(kind: .weighted, quota: 0.5)]
            s.blocs = [Bloc(id: "X", members: Array(order[0..<first]), decisionRule: rules[Int(rng.next() % 3)])]
            if second >= 1 { s.blocs.append(Bloc(id: "Y", members: Array(order[first..<(first + second)]), decisionRule: rules[Int(rng.next() % 3)])) }
            if s.blocs.contains(where: { $0.decisionRule.kind == .weighted && $0.members.allSatisfy { s.parties[$0].weight == 0 } }) { continue }
            let context = "seed \(seed): blocs \(s.blocs.map(\.members)), rules \(s.blocs.map(\.decisionRule.kind)), \(s.decisionRule)"
            let problem = try BargainingProblem(s.validated(file: "random"), file: "random", concepts: [.nash])
            let analysis = try CoalitionAnalysis.analyze(problem, blocs: true)
            guard let blocs = analysis.blocs else {
                #expect(analysis.package == nil, "\(context)")
                continue
            }
            let accepting = Set(analysis.accepting)
            for (index, bloc) in s.blocs.enumerated() {
                var own = s
                own.parties = bloc.members.map { s.parties[$0] }
                own.decisionRule = bloc.decisionRule
                let set = bloc.members.indices.filter { accepting.contains(bloc.members[$0]) }.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
                #expect(blocs.inside[index].accepts == Self.wins(own, set), "\(context)")
            }
            // Units: the blocs, then the parties in no bloc.
            let inBloc = Set(s.blocs.flatMap(\.members))
            let units = s.blocs.map(\.members) + (0..<n).filter { !inBloc.contains($0) }.map { [$0] }
            #expect(blocs.units.map(\.members) == units, "\(context)")
            func wins(_ chosen: [Int]) -> Bool { Self.wins(s, chosen.flatMap { units[$0] }.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }) }
            let acceptingUnits = units.indices.filter { $0 < s.blocs.count ? blocs.inside[$0].accepts : accepting.contains(units[$0][0]) }
            #expect(blocs.acceptingUnits == acceptingUnits, "\(context)")
            #expect(blocs.passes == wins(acceptingUnits), "\(context)")
            // Shapley–Shubik of the units: the share of the orderings in which each is pivotal.
            var pivots = [Int](repeating: 0, count: units.count), orderings = 0
            func visit(_ prefix: [Int]) {
                if prefix.count == units.count {
                    orderings += 1
                    for k in prefix.indices where wins(Array(prefix[...k])) {
                        pivots[prefix[k]] += 1
                        break
                    }
                    return
                }
                for u in units.indices where !prefix.contains(u) { visit(prefix + [u]) }
            }
            visit([])
            if let power = blocs.power, pivots.reduce(0, +) > 0 {
                for u in units.indices { #expect(abs(power.shapleyShubik[u] - Double(pivots[u]) / Double(orderings)) < 1e-12, "\(context): unit \(u)") }
                checked += 1
            }
        }
        #expect(checked >= 30, "only \(checked) seeds had a package and unit power to check")
    }

    /// Beyond 20 parties `--transfers` samples the Shapley value: on 21 parties and 4 packages,
    /// against the exact value of the same game (every one of the 2^21 coalitions, by the
    /// definition: the best joint gain of a winning coalition over packages all its members
    /// accept, evaluated here from the utilities).
    @Test func sampledShapley() throws {
        var generator = ScenarioGenerator()
        generator.parties = 21
        generator.issues = 2
        generator.options = 2
        generator.reservation = 0.4
        generator.seed = 21
        var s = generator.generate()
        s.decisionRule = DecisionRule(kind: .majority)
        s = try s.validated(file: "21")
        let analysis = try CoalitionAnalysis.analyze(try BargainingProblem(s, file: "21", concepts: [.nash]), transfers: true)
        let estimate = try #require(analysis.shapleyEstimate)
        #expect(analysis.transfers == nil)
        let packages = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let d = s.parties.map { Self.exact($0.reservation) }
        let gains = packages.map { p in (0..<21).map { (Self.utility(s, p, $0) - d[$0]).doubleValue } }
        let accepts = packages.map { p in (0..<21).reduce(UInt64(0)) { !Self.crosses(s, p, $1) && Self.utility(s, p, $1) >= d[$1] ? $0 | 1 << UInt64($1) : $0 } }
        let game = try TransferableUtilityGame(playerCount: 21) { coalition in
            guard coalition.count >= 11 else { return 0 }
            return packages.indices.filter { accepts[$0] & coalition.bits == coalition.bits }
                .map { k in coalition.members.reduce(0.0) { $0 + gains[k][$1] } }.max() ?? 0
        }
        let exact = game.shapleyValue()
        for i in 0..<21 {
            #expect(abs(estimate.value[i] - exact[i]) <= 4 * estimate.halfWidth[i] + 1e-12, "party \(i): \(estimate.value[i]) ± \(estimate.halfWidth[i]) against \(exact[i])")
        }
        #expect(estimate.halfWidth.contains { $0 > 0 }, "a game where the orders differ")
    }

    /// The small minimal winning coalitions listed beyond 25 parties are minimal winning by the
    /// definition (winning, losing without any one member), distinct and fewest members first;
    /// on small rules each is among those a full enumeration finds.
    @Test func smallMinimalWinning() throws {
        for seed in UInt64(1)...40 {
            var rng = SeededGenerator(seed: seed)
            let n = seed <= 30 ? 3 + Int(rng.next() % 8) : 195
            let weights = (0..<n).map { _ in Int(rng.next() % 20) }
            let total = weights.reduce(0, +)
            guard total > 0 else { continue }
            let rule = try WeightedVotingRule(weights: weights, weightQuota: max(1, total * Int(1 + rng.next() % 9) / 10), countQuota: Int(rng.next() % UInt64(n / 2 + 1)))
            let listed = rule.smallMinimalWinningCoalitions(limit: 10)
            #expect(!listed.isEmpty, "seed \(seed)")
            for members in listed {
                let weight = members.reduce(0) { $0 + weights[$1] }
                #expect(rule.isWinning(weight: weight, count: members.count), "seed \(seed): \(members) loses")
                for j in members { #expect(!rule.isWinning(weight: weight - weights[j], count: members.count - 1), "seed \(seed): \(members) wins without \(j)") }
            }
            #expect(Set(listed).count == listed.count, "seed \(seed)")
            #expect(zip(listed, listed.dropFirst()).allSatisfy { $0.count <= $1.count }, "seed \(seed)")
            if n <= 25 {
                let all = Set(try rule.minimalWinningCoalitions().map(\.members))
                #expect(listed.allSatisfy(all.contains), "seed \(seed)")
            }
        }
    }

    /// The sampled power of voters with weights and numbers (blocs beyond 20 units) against the
    /// exact enumeration of the same double-threshold game, on 20 seeded rules of 4–10 voters.
    @Test func sampledUnitPower() throws {
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed &* 31)
            let n = 4 + Int(rng.next() % 7)
            let weights = (0..<n).map { _ in Int(rng.next() % 10) }, counts = (0..<n).map { _ in 1 + Int(rng.next() % 4) }
            let weightQuota = weights.reduce(0, +) / 2 + 1, countQuota = counts.reduce(0, +) / 2
            guard let exact = SimpleGamePower(players: n, isWinning: { coalition in
                coalition.members.reduce(0) { $0 + weights[$1] } >= weightQuota && coalition.members.reduce(0) { $0 + counts[$1] } >= countQuota
            }) else { continue }
            let sampled = try #require(SampledPower(weights: weights, counts: counts, weightQuota: weightQuota, countQuota: countQuota, samples: 20_000, seed: seed))
            for i in 0..<n {
                #expect(abs(sampled.shapleyShubik[i] - exact.shapleyShubik[i]) <= 4 * sampled.shapleyShubikHalfWidth[i] + 1e-9, "seed \(seed): voter \(i)")
                #expect(abs(sampled.banzhaf[i] - exact.banzhaf[i]) <= 0.03, "seed \(seed): voter \(i)")
            }
        }
    }

    /// `0.3 + 0.6` is 0.8999999999999999 in floating point: a coalition holding exactly 90% of
    /// the weight must still pass a 90% quota.
    @Test("a coalition exactly at the quota wins (no floating-point sum)")
    func exactQuota() throws {
        let rule = DecisionRule(kind: .weighted, quota: 0.9)
        let voting = try rule.votingRule(weights: [0.3, 0.6, 0.1])
        #expect(0.3 + 0.6 < 0.9)
        #expect(voting.isWinning(Coalition([0, 1])))
        #expect(!voting.isWinning(Coalition([0, 2])))
        // Majority without a quota: more than half; with a quota, at least that share.
        #expect(try DecisionRule(kind: .majority).votingRule(weights: Array(repeating: nil, count: 4)).countQuota == 3)
        #expect(try DecisionRule(kind: .majority, quota: 0.5).votingRule(weights: Array(repeating: nil, count: 4)).countQuota == 2)
        #expect(try DecisionRule(kind: .majority, members: 0.55, minParties: 4).votingRule(weights: Array(repeating: nil, count: 5)).countQuota == 4)
        // Weights of 13 digits: the exact counting table would need terabytes, so the indices come
        // from enumerating the 8 coalitions (the third party, 63% of the weight, decides alone).
        let fine = try DecisionRule(kind: .weighted, quota: 0.5).votingRule(weights: [0.1234567891234, 0.3333333333333, 0.77777777777711])
        #expect(throws: VotingPowerError.self) { try VotingPower(fine) }
        let indices = try PowerIndices(fine)
        #expect(indices.shapleyShubik == [0, 0, 1] && indices.banzhaf == [0, 0, 1])
        // 0.07 · 100 is 7.000000000000001 in floating point: 7 parties are 7% of 100, in the rule and in its words.
        #expect(0.07 * 100.0 > 7)
        #expect(try DecisionRule(kind: .majority, quota: 0.07).votingRule(weights: Array(repeating: nil, count: 100)).countQuota == 7)
        #expect(DecisionRule(kind: .majority, quota: 0.07).text(parties: 100).contains("(7 of 100)"))
    }
}
