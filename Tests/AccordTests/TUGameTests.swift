import Accord
import Foundation
import Testing

/// Cooperative (TU) games: Shapley value, core, nucleolus, Kohlberg's criterion and bankruptcy
/// games, against published values, closed forms and brute force written here from the
/// definitions (permutation averages, equal-excess line intersections, a second core LP).
@Suite struct TUGameTests {
    typealias Game = TransferableUtilityGame

    static func q(_ text: String) throws -> ExactRational { try #require(ExactRational(decimal: text)) }

    /// A random game on n players with integer values: `v(S) = Σ_{i∈S} a_i + b_S`, `a_i` in
    /// 0...5, bonus `b_S` in 0...(4|S| − 4) (so singletons have `v({i}) = a_i` and the grand
    /// coalition has room for imputations).
    static func randomGame(_ n: Int, seed: UInt64) throws -> Game {
        var g = SeededGenerator(seed: seed)
        let a = (0..<n).map { _ in g.below(6) }
        var bonus = [Int](repeating: 0, count: 1 << n)
        for bits in 1..<(1 << n) { bonus[bits] = g.below(4 * bits.nonzeroBitCount - 3) }
        return try Game(playerCount: n) { s in
            ExactRational(s.members.reduce(0) { $0 + a[$1] } + bonus[Int(s.bits)])
        }
    }

    // MARK: Published examples

    /// Bankruptcy, E = 176, claims (40, 32, 11, 73.3, 54.95, 81.1). Talmud rule by hand: the
    /// half-claims sum to 146.175 < 176, so equal losses μ on the half-claims with total loss
    /// 292.35 − 176 = 116.35: 5.5 + 16 + 20 + 3μ = 116.35, μ = 24.95, awards c_i − min(c_i/2, μ)
    /// = (20, 16, 5.5, 48.35, 30, 56.15), the published nucleolus = Talmud rule (Aumann and
    /// Maschler 1985). Shapley value: the published four-decimal values (as given in the design
    /// brief), tolerance 5e-5.
    @Test func publishedBankruptcy() throws {
        let claims = try ["40", "32", "11", "73.3", "54.95", "81.1"].map(Self.q)
        let problem = try BankruptcyProblem(estate: ExactRational(176), claims: claims)
        let talmud = problem.talmudRule()
        let expected = try ["20", "16", "5.5", "48.35", "30", "56.15"].map(Self.q)
        #expect(talmud == expected)
        let game = try problem.game()
        let nucleolus = try game.nucleolus().get()
        for (x, e) in zip(nucleolus.allocation, expected) { #expect(abs(x - e.doubleValue) < 1e-9) }
        #expect(nucleolus.verified)
        let shapley = game.shapleyValue()
        let published = [23.5175, 18.7483, 6.4950, 44.3008, 33.3317, 49.6067]
        for (x, p) in zip(shapley, published) { #expect(abs(x - p) < 5e-5, "Shapley \(x) against \(p)") }
        // The exact Shapley value agrees with the doubles.
        let exact = try #require(game.exactShapleyValue())
        for (x, e) in zip(shapley, exact) { #expect(abs(x - e.doubleValue) < 1e-9) }
        #expect(exact.reduce(.zero, +) == ExactRational(176))
        // A bankruptcy game is convex: its core is nonempty.
        let core = try game.core().get()
        #expect(!core.isEmpty && core.exact)
    }

    /// v({1},{2},{3},{1,2},{1,3},{2,3},N) = (1, 2, 5, 6, 7, 8, 12): nucleolus (2.75, 3.75, 5.5)
    /// (Benedek, Fliege and Nguyen 2021). Its Shapley value, (8/3 − …): by the formula, φ_1 =
    /// (1·2 + 1·(6−2) + 1·(7−5) + 2·(12−8))/6 = (2+4+2+8)/6 = 8/3 ≠ 2.75, so Kohlberg's check must
    /// reject the Shapley value (the check can fail).
    @Test func benedekFliegeNguyen() throws {
        let v = [1, 2, 5, 6, 7, 8, 12]
        let bits: [UInt64] = [1, 2, 4, 3, 5, 6, 7]
        let game = try Game(playerCount: 3, values: Dictionary(uniqueKeysWithValues: zip(bits.map(Coalition.init(bits:)), v.map(ExactRational.init))))
        let nucleolus = try game.nucleolus().get()
        for (x, e) in zip(nucleolus.allocation, [2.75, 3.75, 5.5]) { #expect(abs(x - e) < 1e-9) }
        #expect(nucleolus.verified)
        let shapley = game.shapleyValue()
        #expect(abs(shapley[0] - 8.0 / 3) < 1e-12)
        let check = game.kohlbergCriterion(atApproximately: shapley)
        #expect(!check.holds && check.failure != nil)
        // A point near the nucleolus but not on it also fails; the nucleolus itself passes.
        #expect(!game.kohlbergCriterion(atApproximately: [2.75, 3.74, 5.51]).holds)
        #expect(game.kohlbergCriterion(at: try ["2.75", "3.75", "5.5"].map(Self.q)).holds)
        // Not summing to v(N), or below a singleton's value: not the nucleolus.
        #expect(!game.kohlbergCriterion(at: try ["2.75", "3.75", "5.6"].map(Self.q)).holds)
        #expect(!game.kohlbergCriterion(at: try ["0.5", "6", "5.5"].map(Self.q)).holds)
    }

    /// The Talmud's estates (Mishna, Ketubot 93a; Aumann and Maschler 1985): claims 100, 200,
    /// 300 with estates 100, 200, 300 give (33⅓, 33⅓, 33⅓), (50, 75, 75), (50, 100, 150); the
    /// nucleolus of each bankruptcy game is the same division.
    @Test func talmudEstates() throws {
        let claims = [100, 200, 300].map(ExactRational.init)
        let third = try #require(ExactRational(numerator: 100, denominator: 3))
        let expected: [[ExactRational]] = [[third, third, third], [50, 75, 75].map(ExactRational.init), [50, 100, 150].map(ExactRational.init)]
        for (estate, division) in zip([100, 200, 300], expected) {
            let problem = try BankruptcyProblem(estate: ExactRational(estate), claims: claims)
            #expect(problem.talmudRule() == division, "estate \(estate)")
            let nucleolus = try problem.game().nucleolus().get()
            for (x, e) in zip(nucleolus.allocation, division) { #expect(abs(x - e.doubleValue) < 1e-9, "estate \(estate)") }
            #expect(nucleolus.verified)
        }
    }

    /// Nucleolus = Talmud rule (Aumann and Maschler 1985) on seeded random problems, n = 3…7,
    /// claims with one decimal, estates anywhere in (0, Σ c).
    @Test func nucleolusIsTalmudOnRandomBankruptcies() throws {
        for seed in UInt64(1)...30 {
            var g = SeededGenerator(seed: seed)
            let n = 3 + g.below(5)
            let claims = (0..<n).map { _ in ExactRational(numerator: .init(1 + g.below(1000)), denominator: 10) ?? .zero }
            let total = claims.reduce(ExactRational.zero, +)
            let estate = total * (ExactRational(numerator: .init(1 + g.below(99)), denominator: 100) ?? .zero)
            let problem = try BankruptcyProblem(estate: estate, claims: claims)
            let talmud = problem.talmudRule()
            #expect(talmud.reduce(.zero, +) == estate, "seed \(seed)")
            let nucleolus = try problem.game().nucleolus().get()
            for (x, e) in zip(nucleolus.allocation, talmud) { #expect(abs(x - e.doubleValue) < 1e-7, "seed \(seed): \(nucleolus.allocation) vs \(talmud)") }
            #expect(nucleolus.verified, "seed \(seed)")
        }
    }

    // MARK: Shapley value

    /// The Shapley value against the average of marginal contributions over all n! orders (an
    /// independent formula), exactly, on seeded random games n = 2…5; plus efficiency.
    @Test func shapleyAgainstPermutations() throws {
        for seed in UInt64(1)...20 {
            let n = 2 + Int(seed % 4)
            let game = try Self.randomGame(n, seed: seed)
            var total = [ExactRational](repeating: .zero, count: n)
            var orders = 0
            func permute(_ prefix: [Int], _ rest: [Int]) {
                if rest.isEmpty {
                    orders += 1
                    var s = Coalition(bits: 0)
                    for i in prefix {
                        let t = s.adding(i)
                        total[i] += game.exactValue(t) - game.exactValue(s)
                        s = t
                    }
                    return
                }
                for (k, i) in rest.enumerated() { permute(prefix + [i], Array(rest[..<k] + rest[(k + 1)...])) }
            }
            permute([], Array(0..<n))
            let average = total.map { $0.divided(by: ExactRational(orders)) ?? .zero }
            #expect(game.exactShapleyValue() == average, "seed \(seed)")
            let phi = game.shapleyValue()
            for (x, e) in zip(phi, average) { #expect(abs(x - e.doubleValue) < 1e-9, "seed \(seed)") }
            #expect(abs(phi.reduce(0, +) - game.value(game.grandCoalition)) < 1e-9, "seed \(seed)")
        }
    }

    /// Symmetry and dummy: players 0 and 1 are interchangeable, player 2 adds exactly 3 to any
    /// coalition (so φ_2 = 3), on a game built from a random symmetric base.
    @Test func shapleySymmetryAndDummy() throws {
        var g = SeededGenerator(seed: 7)
        let base = (0..<16).map { _ in Double(g.below(50)) }  // on players {0,1,3,4} by swapped-invariant key
        func key(_ s: Coalition) -> Int {
            // Symmetric in players 0 and 1: only how many of them are in S matters.
            let pair = (s.contains(0) ? 1 : 0) + (s.contains(1) ? 1 : 0)
            return pair * 4 + (s.contains(3) ? 1 : 0) * 2 + (s.contains(4) ? 1 : 0)
        }
        let game = try Game(playerCount: 5) { s in
            (s.removing(2).isEmpty ? 0 : base[key(s)]) + (s.contains(2) ? 3 : 0)
        }
        let phi = game.shapleyValue()
        #expect(abs(phi[0] - phi[1]) < 1e-12)
        #expect(abs(phi[2] - 3) < 1e-12)
    }

    /// The sampling estimate: exact for an additive game (every marginal is a_i, so the
    /// half-widths are 0) on 40 players; within its 95% band (×3) of the exact value on a random
    /// game of 6, and the same numbers for the same seed.
    @Test func shapleySampling() throws {
        let a = (0..<40).map { Double($0 % 7) }
        let additive = try ShapleySampling.estimate(playerCount: 40, permutations: 50, seed: 3) { s in s.members.reduce(0) { $0 + a[$1] } }
        for i in 0..<40 { #expect(abs(additive.value[i] - a[i]) < 1e-9 && additive.halfWidth[i] < 1e-9) }
        let game = try Self.randomGame(6, seed: 11)
        let exact = game.shapleyValue()
        for seed in UInt64(1)...5 {
            let estimate = try ShapleySampling.estimate(playerCount: 6, permutations: 4000, seed: seed) { game.value($0) }
            for i in 0..<6 {
                #expect(abs(estimate.value[i] - exact[i]) <= 3 * estimate.halfWidth[i] + 1e-9, "seed \(seed) player \(i)")
            }
            let again = try ShapleySampling.estimate(playerCount: 6, permutations: 4000, seed: seed) { game.value($0) }
            #expect(again == estimate, "seed \(seed)")
        }
        #expect(throws: ShapleySampling.InputError.playerCount(65)) {
            try ShapleySampling.estimate(playerCount: 65, permutations: 10, seed: 1) { _ in 0 }
        }
        #expect(throws: ShapleySampling.InputError.permutations(1)) {
            try ShapleySampling.estimate(playerCount: 3, permutations: 1, seed: 1) { _ in 0 }
        }
    }

    // MARK: Core

    /// The Bondareva–Shapley form of the core question, as a second LP built here:
    /// `min Σ x_i s.t. x(S) ≥ v(S) for every proper S` — the core is nonempty iff the minimum is
    /// ≤ v(N).
    static func coreIsNonemptyBySecondLP(_ game: Game) throws -> Bool {
        let n = game.playerCount
        var lp = LinearProgram(sense: .minimize)
        for _ in 0..<n { try lp.addColumn(.free, objective: 1) }
        for bits in 1..<((1 << n) - 1) {
            let s = Coalition(bits: UInt64(bits))
            try lp.addRow(s.members.map { LinearProgram.Term($0, 1) }, .lower(game.value(s)))
        }
        var settings = LinearProgram.Settings()
        settings.exact = true
        let solution = lp.solve(settings)
        let minimum = try #require(solution.objective)
        return minimum <= game.value(game.grandCoalition)
    }

    /// Core emptiness against the second LP on seeded random games n = 2…5; a nonempty core's
    /// allocation satisfies every coalition exactly (checked here in rationals), an empty one
    /// has ε* > 0. Plus the 3-player majority game (empty, ε* = 1/3: each pair needs 1 − ε, so
    /// 3(1 − ε) ≤ 2·1).
    @Test func coreAgainstSecondFormulation() throws {
        var seen = (empty: 0, nonempty: 0)
        for seed in UInt64(1)...40 {
            let n = 2 + Int(seed % 4)
            let game = try Self.randomGame(n, seed: seed)
            let core = try game.core().get()
            #expect(core.isEmpty == !(try Self.coreIsNonemptyBySecondLP(game)), "seed \(seed)")
            #expect(core.exact, "seed \(seed)")
            let epsilon = try #require(core.leastCoreValue)
            if core.isEmpty {
                seen.empty += 1
                #expect(epsilon > 1e-9, "seed \(seed)")
            } else {
                seen.nonempty += 1
                #expect(epsilon <= 1e-9, "seed \(seed)")
                let x = try core.allocation.map { try #require(ExactRational.simplest(within: 1e-9, of: $0)) }
                #expect(x.reduce(.zero, +) == game.exactValue(game.grandCoalition), "seed \(seed)")
                for bits in 1..<(UInt64(1) << n) {
                    let s = Coalition(bits: bits)
                    #expect(s.members.reduce(ExactRational.zero) { $0 + x[$1] } >= game.exactValue(s), "seed \(seed) coalition \(bits)")
                }
            }
        }
        #expect(seen.empty > 0 && seen.nonempty > 0, "both kinds occur: \(seen)")
        let majority = try Game(playerCount: 3) { s in s.count >= 2 ? 1 : 0 }
        let core = try majority.core().get()
        #expect(core.isEmpty && core.exact)
        #expect(abs((core.leastCoreValue ?? 0) - 1.0 / 3) < 1e-9)
    }

    // MARK: Nucleolus

    /// The nucleolus for n = 3 by brute force, exactly: it is the unique solution of equations
    /// `e(S) = e(T)` (same excess level) and `x_i = v({i})` (Kohlberg), so it is among the
    /// intersections of two such lines in the plane `x(N) = v(N)`; the imputation among them
    /// with the lexicographically smallest decreasing excess vector is the nucleolus.
    static func bruteForceNucleolus3(_ game: Game) -> [ExactRational]? {
        let vN = game.exactValue(game.grandCoalition)
        // A line: a1·x1 + a2·x2 = b, with x3 = v(N) − x1 − x2; x(S) = c1 x1 + c2 x2 + c0.
        func sum(_ bits: UInt64) -> (ExactRational, ExactRational, ExactRational) {
            let s = Coalition(bits: bits)
            let three = s.contains(2)
            let c1 = ExactRational((s.contains(0) ? 1 : 0) - (three ? 1 : 0))
            let c2 = ExactRational((s.contains(1) ? 1 : 0) - (three ? 1 : 0))
            return (c1, c2, three ? vN : .zero)
        }
        var lines: [(ExactRational, ExactRational, ExactRational)] = []
        let proper: [UInt64] = [1, 2, 3, 4, 5, 6]
        for (k, s) in proper.enumerated() {
            for t in proper[(k + 1)...] {
                // x(S) − x(T) = v(S) − v(T).
                let (a1, a2, a0) = sum(s), (b1, b2, b0) = sum(t)
                lines.append((a1 - b1, a2 - b2, game.exactValue(Coalition(bits: s)) - game.exactValue(Coalition(bits: t)) - a0 + b0))
            }
        }
        for i in 0..<3 {
            let (a1, a2, a0) = sum(1 << UInt64(i))
            lines.append((a1, a2, game.exactValue(Coalition(bits: 1 << UInt64(i))) - a0))
        }
        var best: (x: [ExactRational], excesses: [ExactRational])?
        for (k, l) in lines.enumerated() {
            for m in lines[(k + 1)...] {
                let det = l.0 * m.1 - l.1 * m.0
                guard let x1 = (l.2 * m.1 - l.1 * m.2).divided(by: det), let x2 = (l.0 * m.2 - l.2 * m.0).divided(by: det) else { continue }
                let x = [x1, x2, vN - x1 - x2]
                guard (0..<3).allSatisfy({ x[$0] >= game.exactValue(Coalition(bits: 1 << UInt64($0))) }) else { continue }
                let excesses = proper.map { bits in
                    game.exactValue(Coalition(bits: bits)) - Coalition(bits: bits).members.reduce(ExactRational.zero) { $0 + x[$1] }
                }.sorted(by: >)
                if let current = best, !excesses.lexicographicallyPrecedes(current.excesses) { continue }
                best = (x, excesses)
            }
        }
        return best?.x
    }

    /// On seeded random games n = 2…5: Kohlberg's check passes at the computed nucleolus, the
    /// nucleolus is an imputation and lies in the core when the core is nonempty; for n = 2 it is
    /// the standard solution `v(i) + (v(N) − v(1) − v(2))/2`, for n = 3 the brute force's.
    @Test func nucleolusOnRandomGames() throws {
        for seed in UInt64(1)...60 {
            let n = 2 + Int(seed % 4)
            let game = try Self.randomGame(n, seed: seed)
            let nucleolus = try game.nucleolus().get()
            let x = nucleolus.allocation
            #expect(nucleolus.verified, "seed \(seed): \(x)")
            #expect(abs(x.reduce(0, +) - game.value(game.grandCoalition)) < 1e-9, "seed \(seed)")
            for i in 0..<n { #expect(x[i] >= game.value(Coalition([i])) - 1e-9, "seed \(seed)") }
            let core = try game.core().get()
            if !core.isEmpty {
                for bits in 1..<(UInt64(1) << n) {
                    let s = Coalition(bits: bits)
                    #expect(s.members.reduce(0) { $0 + x[$1] } >= game.value(s) - 1e-9, "seed \(seed) coalition \(bits)")
                }
            }
            if n == 2 {
                let surplus = (game.value(Coalition([0, 1])) - game.value(Coalition([0])) - game.value(Coalition([1]))) / 2
                #expect(abs(x[0] - game.value(Coalition([0])) - surplus) < 1e-9, "seed \(seed)")
                #expect(abs(x[1] - game.value(Coalition([1])) - surplus) < 1e-9, "seed \(seed)")
            }
            if n == 3 {
                let brute = try #require(Self.bruteForceNucleolus3(game))
                for (a, b) in zip(x, brute) { #expect(abs(a - b.doubleValue) < 1e-9, "seed \(seed): \(x) vs \(brute)") }
            }
        }
    }

    /// Games of arbitrary doubles (uniform in [0, 10|S|)), n = 3: the nucleolus agrees with the
    /// brute force on the doubles' exact values to 1e-9 (its exact value has huge denominators,
    /// so Kohlberg's check is not expected to certify it), and n = 4, 5 stay imputations.
    @Test func nucleolusOfDoubleGames() throws {
        for seed in UInt64(100)...130 {
            var g = SeededGenerator(seed: seed)
            let n = 3 + Int(seed % 3)
            let game = try Game(playerCount: n) { s in 10 * Double(s.count) * g.unit() }
            let individual = (0..<n).reduce(0) { $0 + game.value(Coalition([$1])) }
            guard game.value(game.grandCoalition) >= individual else { continue }
            let x = try game.nucleolus().get().allocation
            #expect(abs(x.reduce(0, +) - game.value(game.grandCoalition)) < 1e-9, "seed \(seed)")
            for i in 0..<n { #expect(x[i] >= game.value(Coalition([i])) - 1e-9, "seed \(seed)") }
            if n == 3 {
                let brute = try #require(Self.bruteForceNucleolus3(game))
                for (a, b) in zip(x, brute) { #expect(abs(a - b.doubleValue) < 1e-9, "seed \(seed): \(x) vs \(brute)") }
            }
        }
    }

    /// Constraint generation at 14 players (rows start from singletons and their complements):
    /// the allocation satisfies Kohlberg's criterion (checked here with the limit raised), on a
    /// game `v(S) = (Σ_{i∈S} a_i)^2 / 10 + bonus`.
    @Test func nucleolusByConstraintGeneration() throws {
        for seed in UInt64(1)...2 {
            var g = SeededGenerator(seed: seed)
            let n = 14
            let a = (0..<n).map { _ in 1 + g.below(9) }
            let game = try Game(playerCount: n) { s in
                let total = s.members.reduce(0) { $0 + a[$1] }
                return ExactRational(total * total + (s.count > 1 ? g.below(20) : 0))
            }
            let nucleolus = try game.nucleolus(verificationLimit: 14).get()
            #expect(nucleolus.verified, "seed \(seed): \(nucleolus.allocation)")
            #expect(nucleolus.stages <= n - 1, "seed \(seed)")
        }
    }

    /// Timing at 20 players (run with ACCORD_TU_TIMING=1; =verify also checks Kohlberg's
    /// criterion exactly at 20): the nucleolus of `v(S) = (Σ a_i)^2` plus a random bonus, and of
    /// random values `v(S)` uniform in 0...10|S|² (no structure), and the Shapley value.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ACCORD_TU_TIMING"] != nil))
    func timing20() throws {
        let verify = ProcessInfo.processInfo.environment["ACCORD_TU_TIMING"] == "verify"
        var g = SeededGenerator(seed: 20)
        let n = 20
        let a = (0..<n).map { _ in Double(1 + g.below(9)) }
        let bonus = (0..<(1 << n)).map { _ in Double(g.below(20)) }
        let noise = (0..<(1 << n)).map { bits in Double(g.below(10 * bits.nonzeroBitCount * bits.nonzeroBitCount + 1)) }
        let quadratic = try Game(playerCount: n) { s in
            let total = s.members.reduce(0) { $0 + a[$1] }
            return total * total + (s.count > 1 ? bonus[Int(s.bits)] : 0)
        }
        let random = try Game(playerCount: n) { s in noise[Int(s.bits)] }
        let clock = ContinuousClock()
        for (name, game) in [("quadratic", quadratic), ("random", random)] {
            var phi: [Double] = []
            let shapleyTime = clock.measure { phi = game.shapleyValue() }
            var nucleolus: Nucleolus?
            let nucleolusTime = try clock.measure { nucleolus = try game.nucleolus(verificationLimit: verify ? 20 : 12).get() }
            print("TU timing n=20 \(name): Shapley \(shapleyTime), nucleolus \(nucleolusTime), LPs \(nucleolus?.linearPrograms ?? 0), stages \(nucleolus?.stages ?? 0), verified \(nucleolus?.verified ?? false), sum φ \(phi.reduce(0, +))")
            let x = try #require(nucleolus).allocation
            #expect(abs(x.reduce(0, +) - game.value(game.grandCoalition)) < 1e-6)
            if verify { #expect(nucleolus?.verified == true, "\(name)") }
        }
    }

    // MARK: Bad input and exact numbers

    @Test func badInput() throws {
        #expect(throws: Game.InputError.playerCount(0)) { try Game(playerCount: 0) { _ in 0.0 } }
        #expect(throws: Game.InputError.playerCount(26)) { try Game(playerCount: 26) { _ in 0.0 } }
        #expect(throws: Game.InputError.tooManyPlayersForExactValues(21)) { try Game(playerCount: 21) { _ in ExactRational.zero } }
        #expect(throws: Game.InputError.coalitionOutOfRange(Coalition([3]))) { try Game(playerCount: 3, values: [Coalition([3]): .one]) }
        #expect(throws: Game.InputError.nonzeroEmptyCoalition) { try Game(playerCount: 3, values: [Coalition(bits: 0): .one]) }
        #expect(throws: Game.InputError.nonFiniteValue(Coalition([0]))) { try Game(playerCount: 2) { _ in Double.nan } }
        #expect(throws: BankruptcyProblem.InputError.estateExceedsClaims) {
            try BankruptcyProblem(estate: ExactRational(10), claims: [ExactRational(3), ExactRational(4)])
        }
        // No imputation: v(N) < Σ v({i}).
        let poor = try Game(playerCount: 2) { s in s.count == 1 ? 2 : 1 }
        #expect(throws: GameSolverError.noImputation) { try poor.nucleolus().get() }
        // An inessential (additive) game: the only imputation is (v({i})), and it is the
        // nucleolus; v(S) = Σ (i + 1) over the members.
        let additive = try Game(playerCount: 4) { s in Double(s.members.reduce(0) { $0 + $1 + 1 }) }
        let inessential = try additive.nucleolus().get()
        #expect(inessential.allocation == [1, 2, 3, 4] && inessential.verified)
        // One player: everything to them.
        let single = try Game(playerCount: 1) { _ in 5 }
        #expect(try single.nucleolus().get().allocation == [5])
        #expect(try single.core().get() == CoreResult(isEmpty: false, allocation: [5], leastCoreValue: nil, exact: true))
    }

    @Test func exactRationals() throws {
        #expect(try Self.q("73.3") == ExactRational(numerator: 733, denominator: 10))
        #expect(try Self.q("-0.5e1") == ExactRational(-5))
        #expect(try Self.q("54.95").description == "1099/20")
        for bad in ["", "1.", ".5", "1e", "abc", "1..2", "--1", "1e999", " 1"] { #expect(ExactRational(decimal: bad) == nil, "\(bad)") }
        #expect(ExactRational.simplest(within: 1e-9, of: 1.0 / 3) == ExactRational(numerator: 1, denominator: 3))
        #expect(ExactRational.simplest(within: 1e-9, of: 48.35000000000001) == (try Self.q("48.35")))
        #expect(ExactRational.simplest(within: 1e-9, of: -2.5) == ExactRational(numerator: -5, denominator: 2))
        #expect(ExactRational(exactly: 0.1) == ExactRational(numerator: 3_602_879_701_896_397, denominator: 36_028_797_018_963_968))
        #expect(ExactRational.one.divided(by: .zero) == nil)
        #expect(ExactRational(numerator: 2, denominator: -4) == ExactRational(numerator: -1, denominator: 2))
        #expect((try Self.q("0.1")) + (try Self.q("0.2")) == (try Self.q("0.3")))
    }
}
