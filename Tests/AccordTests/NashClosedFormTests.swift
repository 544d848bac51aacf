import Accord
import Foundation
import Testing

/// The closed forms beside the interior point, each checked against it (and against published
/// or hand-derived numbers).
@Suite struct NashClosedFormTests {
    static func good(_ slopes: [Double], lower: [Double] = [0, 0], upper: [Double] = [1, 1]) -> ConcaveProgram.Good {
        ConcaveProgram.Good(lower: lower, upper: upper, value: slopes.map { PiecewiseLinear(slope: $0) })
    }

    // MARK: - Two parties, one good

    /// `u₁ = x`, `u₂ = 1 − x`, `d = 0`: `x = p₁/(p₁ + p₂)` (derivation in
    /// `NashSolverTests.asymmetricTwoPartySplitIsPowerShare`); p = (1, 3) gives x = 1/4.
    @Test func twoPartyClosedFormIsPowerShare() throws {
        let program = ConcaveProgram(
            parties: 2, power: [1, 3], disagreement: [0, 0], constant: [0, 0], goods: [Self.good([1, 1])], ranges: [])
        let solution = try #require(program.twoPartyOneGoodNash())
        #expect(abs(solution.shares[0][0] - 0.25) <= 1e-15)
        #expect(abs(solution.prices[0] - 4) <= 1e-12)
    }

    /// Random slopes (some negative: a cost), constants, reservations, powers and share bounds:
    /// the closed form and the interior point agree to 1e-9 on shares and objective.
    @Test func twoPartyClosedFormMatchesTheSolver() throws {
        var compared = 0
        for seed in UInt64(1)...80 {
            var rng = SeededGenerator(seed: seed)
            let slopes = [rng.unit() < 0.15 ? -0.5 * rng.unit() : 0.1 + rng.unit(), 0.1 + rng.unit()]
            let good = Self.good(
                slopes, lower: [0.3 * rng.unit(), 0.3 * rng.unit()], upper: [0.7 + 0.3 * rng.unit(), 0.7 + 0.3 * rng.unit()])
            let program = ConcaveProgram(
                parties: 2, power: [0.5 + 1.5 * rng.unit(), 0.5 + 1.5 * rng.unit()],
                disagreement: [0.3 * rng.unit(), 0.3 * rng.unit()], constant: [0.3 * rng.unit(), 0.3 * rng.unit()],
                goods: [good], ranges: [])
            let closed = try #require(program.twoPartyOneGoodNash())
            let general = try program.solveNash()
            #expect(closed.status == general.status, "seed \(seed)")
            guard closed.status == .solved, general.status == .solved else { continue }
            compared += 1
            #expect(abs(closed.shares[0][0] - general.shares[0][0]) <= 1e-9, "seed \(seed)")
            #expect(abs(closed.objective - general.objective) <= 1e-9, "seed \(seed)")
            #expect(NashKKT.violations(program, closed).isEmpty, "seed \(seed)")
        }
        #expect(compared >= 50)
    }

    @Test func twoPartyClosedFormDeclinesOtherShapes() {
        let three = ConcaveProgram(
            parties: 3, power: [1, 1, 1], disagreement: [0, 0, 0], constant: [0, 0, 0],
            goods: [ConcaveProgram.Good(lower: [0, 0, 0], upper: [1, 1, 1], value: [nil, nil, nil])], ranges: [])
        #expect(three.twoPartyOneGoodNash() == nil)
        let kinked = ConcaveProgram(
            parties: 2, power: [1, 1], disagreement: [0, 0], constant: [0, 0],
            goods: [ConcaveProgram.Good(lower: [0, 0], upper: [1, 1], value: [PiecewiseLinear(x: [0, 0.5, 1], y: [0, 1, 1.2]), nil])],
            ranges: [])
        #expect(kinked.twoPartyOneGoodNash() == nil)
    }

    // MARK: - Fisher market

    /// Eisenberg–Gale = Fisher equilibrium, checked from the market's own definition with the
    /// solver's duals as prices: Σ prices = Σ budgets; every buyer spends exactly its budget;
    /// every buyer buys only goods of maximal bang-per-buck `a_ik/π_k`; every good clears.
    @Test func eisenbergGaleDualsAreFisherEquilibriumPrices() throws {
        for seed in UInt64(1)...8 {
            var rng = SeededGenerator(seed: seed)
            let n = 3 + rng.below(6), m = 2 + rng.below(8)
            let value = (0..<n).map { _ in (0..<m).map { _ in 1 - rng.unit() } }
            let budget = (0..<n).map { _ in 0.5 + 1.5 * rng.unit() }
            let market = FisherMarket(value: value, budget: budget)
            let solution = try market.equilibrium()
            #expect(solution.status == .solved, "seed \(seed)")
            guard solution.status == .solved else { continue }
            let price = solution.prices
            let totalBudget = budget.reduce(0, +)
            #expect(abs(price.reduce(0, +) - totalBudget) <= 1e-7 * totalBudget, "seed \(seed): Σ prices")
            for i in 0..<n {
                let spent = (0..<m).reduce(0.0) { $0 + price[$1] * solution.shares[$1][i] }
                #expect(abs(spent - budget[i]) <= 1e-7 * budget[i], "seed \(seed) buyer \(i): spent \(spent)")
                let best = (0..<m).map { value[i][$0] / price[$0] }.max() ?? 0
                for k in 0..<m where solution.shares[k][i] > 1e-6 {
                    #expect(value[i][k] / price[k] >= best * (1 - 1e-6), "seed \(seed) buyer \(i) good \(k)")
                }
            }
            for k in 0..<m {
                #expect(price[k] > 0)
                #expect(abs(solution.shares[k].reduce(0, +) - 1) <= 1e-9, "seed \(seed) good \(k) clears")
            }
        }
    }

    // MARK: - Adjusted winner

    /// Raiffa's Panama Canal points (The Art and Science of Negotiation, 1982), as worked by
    /// Brams & Taylor (https://pages.nyu.edu/adjustedwinner/panama.htm): the US wins issues
    /// 1, 2, 4, 6 (64 points), Panama 5, 7–10 (53 points); the tied issue 3 (land and water,
    /// 15/15) is split with the US keeping p = 2/15 (64 + 15p = 53 + 15(1 − p)), and each side
    /// gets 66 points.
    @Test func panamaCanalGivesThePublishedEqualSplit() throws {
        let us: [Double] = [22, 22, 15, 14, 11, 6, 4, 2, 2, 2]
        let panama: [Double] = [9, 15, 15, 3, 15, 5, 11, 7, 7, 13]
        let split = try AdjustedWinner(pointsA: us, pointsB: panama)
        #expect(split.splitGood == 2)
        #expect(abs(split.shareA[2] - 2.0 / 15) <= 1e-15)
        #expect(abs(split.pointsA - 66) <= 1e-12 && abs(split.pointsB - 66) <= 1e-12)
        let expected: [Double] = [1, 1, 2.0 / 15, 1, 0, 1, 0, 0, 0, 0]
        for k in 0..<10 { #expect(abs(split.shareA[k] - expected[k]) <= 1e-15, "issue \(k + 1)") }
        try Self.expectNashAgrees(split, us, panama)
    }

    /// Brams & Taylor's Bob and Carol (same site, home page): Carol wins the retirement account
    /// and the cottage (65), Bob the home and "other" (40); the tied investments go to Bob (50);
    /// Bob gets p = 1/6 of the retirement account (50 + 40p = 15 + 50(1 − p)), each 56.67 = 170/3.
    @Test func bobAndCarolGiveThePublishedSplit() throws {
        let carol: [Double] = [50, 20, 15, 10, 5]
        let bob: [Double] = [40, 30, 10, 10, 10]
        let split = try AdjustedWinner(pointsA: carol, pointsB: bob)
        #expect(abs(split.shareA[0] - 5.0 / 6) <= 1e-15)
        #expect(split.shareA[3] == 0)  // investments to Bob
        #expect(abs(split.pointsA - 170.0 / 3) <= 1e-12 && abs(split.pointsB - 170.0 / 3) <= 1e-12)
        try Self.expectNashAgrees(split, carol, bob)
    }

    @Test func randomAdjustedWinnerMatchesTheSolver() throws {
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed)
            let m = 2 + rng.below(8)
            let a = (0..<m).map { _ in 1 + 99 * rng.unit() }, b = (0..<m).map { _ in 1 + 99 * rng.unit() }
            let split = try AdjustedWinner(pointsA: a, pointsB: b)
            #expect(abs(split.pointsA - split.pointsB) <= 1e-9, "seed \(seed)")
            #expect(abs((0..<m).reduce(0.0) { $0 + a[$1] * split.shareA[$1] } - split.pointsA) <= 1e-9, "seed \(seed)")
            try Self.expectNashAgrees(split, a, b)
        }
    }

    /// The adjusted-winner point is Pareto-optimal with equal points; at the split good `f` the
    /// frontier trades `a_f` of A's points for `b_f` of B's. The Nash program with zero reservations
    /// and powers `(b_f, a_f)` has stationarity `p_A a_k / u_A = p_B b_k / u_B` on a shared good,
    /// which at `u_A = u_B` is exactly `b_f a_f = a_f b_f`: so the general solver must return the
    /// same split. (Powers are normalized to sum 1, which changes neither the solution nor the
    /// optimality conditions, only the objective's scale and so the certified gap's.)
    static func expectNashAgrees(_ split: AdjustedWinner, _ a: [Double], _ b: [Double]) throws {
        guard let f = split.splitGood else { return }
        let goods = a.indices.map { k in
            ConcaveProgram.Good(
                lower: [0, 0], upper: [1, 1], value: [PiecewiseLinear(slope: a[k]), PiecewiseLinear(slope: b[k])])
        }
        let program = ConcaveProgram(
            parties: 2, power: [b[f] / (a[f] + b[f]), a[f] / (a[f] + b[f])], disagreement: [0, 0], constant: [0, 0],
            goods: goods, ranges: [])
        let solution = try program.solveNash()
        #expect(solution.status == .solved)
        guard solution.status == .solved else { return }
        #expect(abs(solution.utilities[0] - split.pointsA) <= 1e-9 * split.pointsA, "\(solution.utilities) vs \(split.pointsA)")
        #expect(abs(solution.utilities[1] - split.pointsB) <= 1e-9 * split.pointsB)
        for k in a.indices { #expect(abs(solution.shares[k][0] - split.shareA[k]) <= 1e-7, "good \(k)") }
    }
}
