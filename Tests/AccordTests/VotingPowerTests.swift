import Accord
import BigInt
import Foundation
import Testing

/// `VotingPower`, the minimal winning coalitions and the veto players of `WeightedVotingRule`
/// against an independent brute force over all 2^n coalitions (and all n! orderings for
/// Shapley–Shubik when n ≤ 7), published values, closed forms and a sampled estimate.
@Suite struct VotingPowerTests {
    /// Brute-force indices: every mask, every player outside it.
    struct BruteForce {
        var swings: [Int]
        var shapley: [Double]
        var minimal: [UInt64]
        var veto: [Int]
    }

    static func bruteForce(weights: [Int], weightQuota: Int, countQuota: Int) -> BruteForce {
        let n = weights.count
        func wins(_ mask: Int) -> Bool {
            var w = 0
            for i in 0..<n where mask >> i & 1 == 1 { w += weights[i] }
            return w >= weightQuota && mask.nonzeroBitCount >= countQuota
        }
        let factorial = (0...n).map { k in (0..<k).reduce(1.0) { $0 * Double($1 + 1) } }
        var swings = [Int](repeating: 0, count: n), shapley = [Double](repeating: 0, count: n)
        var minimal: [UInt64] = []
        var inEveryWinning = (1 << n) - 1
        for mask in 0..<(1 << n) {
            let winning = wins(mask)
            if winning {
                inEveryWinning &= mask
                if (0..<n).allSatisfy({ mask >> $0 & 1 == 0 || !wins(mask & ~(1 << $0)) }) { minimal.append(UInt64(mask)) }
            }
            let k = mask.nonzeroBitCount
            for i in 0..<n where mask >> i & 1 == 0 && !winning && wins(mask | 1 << i) {
                swings[i] += 1
                shapley[i] += factorial[k] * factorial[n - k - 1] / factorial[n]
            }
        }
        return BruteForce(swings: swings, shapley: shapley, minimal: minimal, veto: (0..<n).filter { inEveryWinning >> $0 & 1 == 1 })
    }

    /// Shapley–Shubik by all n! orderings (Heap's algorithm): the share of orderings in which
    /// each player is the one whose arrival first makes the coalition win.
    static func shapleyByOrderings(weights: [Int], weightQuota: Int, countQuota: Int) -> [Double] {
        let n = weights.count
        var order = Array(0..<n), pivots = [Int](repeating: 0, count: n), total = 0
        func visit() {
            var w = 0
            for (k, i) in order.enumerated() {
                w += weights[i]
                if w >= weightQuota && k + 1 >= countQuota {
                    pivots[i] += 1
                    break
                }
            }
            total += 1
        }
        var c = [Int](repeating: 0, count: n), i = 1
        visit()
        while i < n {
            if c[i] < i {
                order.swapAt(i % 2 == 0 ? 0 : c[i], i)
                visit()
                c[i] += 1
                i = 1
            } else {
                c[i] = 0
                i += 1
            }
        }
        return pivots.map { Double($0) / Double(total) }
    }

    /// A random valid rule: weights 0…9, a count quota, a weight quota or both.
    static func randomRule(seed: UInt64) -> (weights: [Int], weightQuota: Int, countQuota: Int) {
        var g = SeededGenerator(seed: seed)
        let n = 1 + Int(seed % 12)
        let weights = (0..<n).map { _ in g.below(4) == 0 ? 0 : 1 + g.below(9) }
        let total = weights.reduce(0, +)
        var weightQuota = 0, countQuota = 0
        switch seed % 3 {
        case 0: countQuota = 1 + g.below(n)
        case 1: weightQuota = total == 0 ? 0 : 1 + g.below(total)
        default:
            weightQuota = g.below(total + 1)
            countQuota = g.below(n + 1)
        }
        if weightQuota == 0 && countQuota == 0 { countQuota = 1 }
        return (weights, weightQuota, countQuota)
    }

    @Test func randomRulesAgreeWithBruteForce() throws {
        for seed: UInt64 in 1...600 {
            let (weights, weightQuota, countQuota) = Self.randomRule(seed: seed)
            let rule = try WeightedVotingRule(weights: weights, weightQuota: weightQuota, countQuota: countQuota)
            let power = try VotingPower(rule)
            let expected = Self.bruteForce(weights: weights, weightQuota: weightQuota, countQuota: countQuota)
            let n = weights.count
            let context = "seed \(seed): weights \(weights), quota \(weightQuota), count quota \(countQuota)"
            #expect(power.swingCounts == expected.swings.map { BigUInt($0) }, "\(context)")
            let totalSwings = Double(expected.swings.reduce(0, +))
            for i in 0..<n {
                #expect(abs(power.banzhaf[i] - Double(expected.swings[i]) / totalSwings) < 1e-12, "\(context), player \(i)")
                #expect(abs(power.absoluteBanzhaf[i] - Double(expected.swings[i]) / pow(2, Double(n - 1))) < 1e-12, "\(context)")
                #expect(abs(power.shapleyShubik[i] - expected.shapley[i]) < 1e-12, "\(context), player \(i)")
            }
            if n <= 7 {
                let byOrderings = Self.shapleyByOrderings(weights: weights, weightQuota: weightQuota, countQuota: countQuota)
                for i in 0..<n { #expect(abs(power.shapleyShubik[i] - byOrderings[i]) < 1e-12, "\(context), player \(i)") }
            }
            #expect(try rule.minimalWinningCount() == BigUInt(expected.minimal.count), "\(context)")
            #expect(try rule.minimalWinningCoalitions().map(\.bits).sorted() == expected.minimal, "\(context)")
            #expect(rule.vetoPlayers == expected.veto, "\(context)")
            // isPivotal: player i swings in S ∌ i iff it is pivotal in S ∪ {i}.
            for i in 0..<n {
                let pivotal = (0..<(1 << n)).filter { rule.isPivotal(i, in: Coalition(bits: UInt64($0))) }.count
                #expect(pivotal == expected.swings[i], "\(context), player \(i)")
            }
        }
    }

    @Test func listingIsDeterministicAndHonoursTheLimit() throws {
        // [6; 4, 3, 2, 1]: minimal winning {A,B}, {A,C}, {B,C,D} (hand derivation below).
        let rule = try WeightedVotingRule(weights: [4, 3, 2, 1], weightQuota: 6)
        #expect(try rule.minimalWinningCoalitions() == [Coalition([0, 1]), Coalition([0, 2]), Coalition([1, 2, 3])])
        #expect(try rule.minimalWinningCoalitions(limit: 2) == [Coalition([0, 1]), Coalition([0, 2])])
        #expect(try rule.minimalWinningCount() == 3)
    }

    /// UN Security Council (since 1965): 5 permanent members with a veto and 10 others, 9 votes
    /// needed, as the weighted game [39; 7, 7, 7, 7, 7, 1 × 10]. Shapley & Shubik (1954), as
    /// usually quoted: 0.19627 for a permanent member, 0.001865 for another. Exactly: a
    /// non-permanent member is pivotal when it comes 9th after the 5 permanent members and 3 of
    /// the other 9: C(9,3)·8!·6!/15! = 4/2145, so a permanent member has (1 − 40/2145)/5 = 421/2145.
    /// Banzhaf: a non-permanent member swings in C(9,3) = 84 coalitions, a permanent one in
    /// Σ_{j≥4} C(10,j) = 848; normalized 848/5080 = 0.1669 and 84/5080 = 0.01654 (as quoted).
    @Test func unitedNationsSecurityCouncil() throws {
        let rule = try WeightedVotingRule(weights: Array(repeating: 7, count: 5) + Array(repeating: 1, count: 10), weightQuota: 39)
        let power = try VotingPower(rule)
        for i in 0..<5 {
            #expect(abs(power.shapleyShubik[i] - 0.19627) < 5e-6)
            #expect(abs(power.shapleyShubik[i] - 421.0 / 2145) < 1e-12)
            #expect(power.swingCounts[i] == 848)
            #expect(abs(power.banzhaf[i] - 848.0 / 5080) < 1e-12)
        }
        for i in 5..<15 {
            #expect(abs(power.shapleyShubik[i] - 0.001865) < 5e-7)
            #expect(abs(power.shapleyShubik[i] - 4.0 / 2145) < 1e-12)
            #expect(power.swingCounts[i] == 84)
        }
        #expect(rule.vetoPlayers == [0, 1, 2, 3, 4])
    }

    /// [6; 4, 3, 2, 1], players A B C D, by hand. Winning: AB, AC, ABC, ABD, ACD, BCD, ABCD.
    /// Swings (S losing, S ∪ {i} winning): A in B, C, BC, BD, CD (5); B in A, AD, CD (3);
    /// C in A, AD, BD (3); D in BC (1): Banzhaf 5/12, 3/12, 3/12, 1/12. With n = 4 every swing
    /// at |S| = 1 or 2 weighs 1!·2!/4! = 2!·1!/4! = 1/12, so Shapley–Shubik is 5/12, 3/12, 3/12, 1/12.
    @Test func smallWeightedGameByHand() throws {
        let power = try VotingPower(WeightedVotingRule(weights: [4, 3, 2, 1], weightQuota: 6))
        #expect(power.swingCounts == [5, 3, 3, 1])
        for (value, expected) in zip(power.banzhaf, [5.0, 3, 3, 1].map { $0 / 12 }) { #expect(abs(value - expected) < 1e-15) }
        for (value, expected) in zip(power.shapleyShubik, [5.0, 3, 3, 1].map { $0 / 12 }) { #expect(abs(value - expected) < 1e-15) }
        #expect(abs(power.absoluteBanzhaf[0] - 5.0 / 8) < 1e-15)
    }

    /// Council of the EEC, 1958: France, Germany, Italy 4 votes, Belgium, Netherlands 2,
    /// Luxembourg 1, quota 12 of 17. Banzhaf 5/21 (×3), 3/21 (×2), 0: Luxembourg is a dummy
    /// (the others' totals are all even, so its vote never decides) — the well-known result.
    /// Shapley–Shubik 14/60 (×3), 9/60 (×2), 0 (as quoted, e.g. Felsenthal & Machover 1998).
    @Test func europeanCouncil1958() throws {
        let power = try VotingPower(WeightedVotingRule(weights: [4, 4, 4, 2, 2, 1], weightQuota: 12))
        for (value, expected) in zip(power.banzhaf, [5.0, 5, 5, 3, 3, 0].map { $0 / 21 }) { #expect(abs(value - expected) < 1e-15) }
        for (value, expected) in zip(power.shapleyShubik, [14.0, 14, 14, 9, 9, 0].map { $0 / 60 }) {
            #expect(abs(value - expected) < 1e-15)
        }
        #expect(power.swingCounts[5] == 0)
    }

    /// 195 parties with population-like weights (a few up to 350, most 1–5, total ≈ 2,500: a
    /// quarter of the benchmark's scale, so the debug build stays fast), a 65 % weight quota and
    /// a 55 % member threshold.
    static func largeRule(seed: UInt64, countQuota: Bool = true) throws -> WeightedVotingRule {
        var g = SeededGenerator(seed: seed)
        var weights = (0..<195).map { _ in max(1, Int(350 * pow(g.unit(), 30))) }
        weights[1] = weights[0]  // a symmetric pair
        weights[2] = 0  // no weight: power only through the member threshold
        let total = weights.reduce(0, +)
        return try WeightedVotingRule(
            weights: weights, weightQuota: Int((0.65 * Double(total)).rounded(.up)), countQuota: countQuota ? 108 : 0)
    }

    @Test func largeRuleIsConsistent() throws {
        for seed: UInt64 in [7, 8] {
            let rule = try Self.largeRule(seed: seed)
            let power = try VotingPower(rule)
            #expect(abs(power.shapleyShubik.reduce(0, +) - 1) < 1e-12, "seed \(seed)")
            #expect(abs(power.banzhaf.reduce(0, +) - 1) < 1e-12, "seed \(seed)")
            #expect(power.shapleyShubik[0] == power.shapleyShubik[1] && power.swingCounts[0] == power.swingCounts[1], "seed \(seed)")
            // With a member threshold a weight-0 party is pivotal when it is the 108th member.
            #expect(power.shapleyShubik[2] > 0, "seed \(seed)")
            // Sampled Shapley–Shubik: random orderings, the player that makes the prefix win.
            var g = SeededGenerator(seed: seed + 100)
            let samples = 20_000
            var pivots = [Int](repeating: 0, count: 195)
            var order = Array(0..<195)
            for _ in 0..<samples {
                order.shuffle(using: &g)
                var weight = 0
                for (k, i) in order.enumerated() {
                    weight += rule.weights[i]
                    if rule.isWinning(weight: weight, count: k + 1) {
                        pivots[i] += 1
                        break
                    }
                }
            }
            for i in 0..<195 {
                let p = power.shapleyShubik[i], estimate = Double(pivots[i]) / Double(samples)
                let sigma = (p * (1 - p) / Double(samples)).squareRoot()
                #expect(abs(estimate - p) <= 5 * sigma + 2e-4, "seed \(seed), party \(i): sampled \(estimate), exact \(p)")
            }
        }
        // Without the member threshold the weight-0 party is a dummy.
        let weightOnly = try VotingPower(Self.largeRule(seed: 7, countQuota: false))
        #expect(weightOnly.shapleyShubik[2] == 0 && weightOnly.swingCounts[2] == 0)
        #expect(abs(weightOnly.shapleyShubik.reduce(0, +) - 1) < 1e-12)
    }

    /// A pure member threshold (k of n): every party has index 1/n, swings C(n−1, k−1), and the
    /// minimal winning coalitions are the C(n, k) coalitions of exactly k parties — counts up to
    /// 2^190 for 195 parties, checked against binomials computed here by BigUInt products.
    @Test func memberThresholdClosedForm() throws {
        func binomial(_ n: Int, _ k: Int) -> BigUInt {
            (0..<k).reduce(BigUInt(1)) { $0 * BigUInt(n - $1) / BigUInt($1 + 1) }
        }
        for (n, k) in [(195, 108), (195, 98), (64, 33), (100, 51), (300, 151)] {
            let rule = try WeightedVotingRule(weights: (0..<n).map { $0 % 5 }, weightQuota: 0, countQuota: k)
            let power = try VotingPower(rule)
            #expect(power.swingCounts.allSatisfy { $0 == binomial(n - 1, k - 1) }, "n \(n), k \(k)")
            #expect(power.shapleyShubik.allSatisfy { abs($0 - 1 / Double(n)) < 1e-15 }, "n \(n), k \(k)")
            #expect(try rule.minimalWinningCount() == binomial(n, k), "n \(n), k \(k)")
        }
    }

    /// One large party of weight B and n − 1 parties of weight 1, quotas Q and K, by counting
    /// by hand: a coalition S of others with b ∈ {0, 1} large members and j small ones weighs
    /// B·b + j, there are C(n−2, j) of them for a small party (C(n−1, j) for the large one), and
    /// the party swings iff S loses and S plus the party wins. Counts up to 2^199 (n = 200).
    @Test func oneLargePartyClosedForm() throws {
        func binomial(_ n: Int, _ k: Int) -> BigUInt {
            k < 0 || k > n ? 0 : (0..<k).reduce(BigUInt(1)) { $0 * BigUInt(n - $1) / BigUInt($1 + 1) }
        }
        for (n, big, quota, count) in [(70, 30, 55, 35), (200, 30, 120, 100), (200, 90, 150, 0), (130, 5, 60, 80)] {
            let rule = try WeightedVotingRule(weights: [big] + Array(repeating: 1, count: n - 1), weightQuota: quota, countQuota: count)
            func wins(_ weight: Int, _ members: Int) -> Bool { weight >= quota && members >= count }
            var small = BigUInt(0), large = BigUInt(0), smallShapley = 0.0, largeShapley = 0.0
            for j in 0...(n - 1) {
                let sizeWeight = 1 / (Double(n) * Double(binomial(n - 1, j)))
                if !wins(j, j) && wins(j + big, j + 1) {
                    large += binomial(n - 1, j)
                    largeShapley += Double(binomial(n - 1, j)) * sizeWeight
                }
                for b in 0...1 where j + b <= n - 1 {
                    let weight = big * b + j, members = j + b
                    if !wins(weight, members) && wins(weight + 1, members + 1) {
                        small += binomial(n - 2, j)
                        smallShapley += Double(binomial(n - 2, j)) / (Double(n) * Double(binomial(n - 1, members)))
                    }
                }
            }
            let power = try VotingPower(rule)
            #expect(power.swingCounts[0] == large && power.swingCounts[1...].allSatisfy { $0 == small }, "n \(n), B \(big)")
            #expect(abs(power.shapleyShubik[0] - largeShapley) < 1e-12, "n \(n), B \(big)")
            #expect(abs(power.shapleyShubik[n - 1] - smallShapley) < 1e-12, "n \(n), B \(big)")
        }
    }

    /// Dividing by the weights' common factor changes nothing but the table size.
    @Test func commonFactorIsDividedOut() throws {
        let small = try VotingPower(WeightedVotingRule(weights: [4, 3, 2, 1], weightQuota: 6))
        let scaled = try VotingPower(WeightedVotingRule(weights: [4000, 3000, 2000, 1000], weightQuota: 5001), memoryLimit: 1000)
        #expect(scaled.swingCounts == small.swingCounts && scaled.shapleyShubik == small.shapleyShubik)
    }

    @Test func badInputThrows() throws {
        #expect(throws: VotingRuleError.negativeWeight(party: 1, weight: -2)) {
            try WeightedVotingRule(weights: [3, -2], weightQuota: 1)
        }
        #expect(throws: VotingRuleError.weightQuotaOutOfRange(quota: 11, totalWeight: 10)) {
            try WeightedVotingRule(weights: [4, 3, 2, 1], weightQuota: 11)
        }
        #expect(throws: VotingRuleError.countQuotaOutOfRange(quota: 5, parties: 4)) {
            try WeightedVotingRule(weights: [4, 3, 2, 1], weightQuota: 1, countQuota: 5)
        }
        #expect(throws: VotingRuleError.emptyCoalitionWins) { try WeightedVotingRule(weights: [1, 1], weightQuota: 0) }
        #expect(throws: VotingRuleError.noParties) { try WeightedVotingRule(weights: [], weightQuota: 0, countQuota: 0) }
        #expect(throws: VotingRuleError.totalWeightOverflow) { try WeightedVotingRule(weights: [Int.max, 1], weightQuota: 1) }
        // 2^40 weight units below the quota: refused before allocating.
        let huge = try WeightedVotingRule(weights: [1, 1 << 40, 1 << 40], weightQuota: 1 << 40)
        #expect {
            try VotingPower(huge)
        } throws: { error in
            guard case let .tableTooLarge(parties, quota, _, _) = error as? VotingPowerError else { return false }
            return parties == 3 && quota == 1 << 40 && "\(error)".contains("coarser weights")
        }
        #expect(throws: VotingPowerError.self) { try huge.minimalWinningCount() }
        #expect(throws: VotingPowerError.self) { try VotingPower(Self.largeRule(seed: 7), memoryLimit: 1 << 16) }
        let many = try WeightedVotingRule(weights: Array(repeating: 1, count: 26), weightQuota: 14)
        #expect(throws: VotingPowerError.tooManyPartiesToList(parties: 26, limit: 25)) { try many.minimalWinningCoalitions() }
        let tooMany = try WeightedVotingRule(weights: Array(repeating: 1, count: 513), weightQuota: 257)
        #expect(throws: VotingPowerError.tooManyParties(parties: 513, limit: 512)) { try VotingPower(tooMany) }
    }
}
