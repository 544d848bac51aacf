import Accord
@testable import AccordModel
@testable import AccordGenerate
@testable import AccordSpace
@testable import AccordSolutions
@testable import AccordReport
import Foundation
import Testing

/// `normalize: true` (issue 8, point 13): each party's utility rescaled to [0, 1] over all
/// packages, `u' = (u − min) / (max − min)`, red lines ignored, the reservation read in those
/// units; and the warning for weights that do not sum to 1.
@Suite struct NormalizeTests {
    /// Party A writes percentages: weights 60 and 40, so `u_A = 60 v_x + 40 v_y ∈ [0, 100]`.
    /// Party B's weights sum to 2.
    static func percentages(reservation: Double, normalize: Bool = true) throws -> Scenario {
        try Scenario(
            name: "percentages", normalize: normalize,
            parties: [Party(id: "A", reservation: reservation), Party(id: "B")],
            issues: [AccordModel.Issue(id: "x", domain: .options(["a", "b", "c"])), AccordModel.Issue(id: "y", domain: .options(["a", "b"]))],
            preferences: [
                Preference(weights: [60, 40], values: [.table([0, 0.5, 1]), .table([0, 1])]),
                Preference(weights: [1, 1], values: [.table([1, 0.5, 0]), .table([1, 0])]),
            ])
    }

    /// Hand derivation: `u_A(x = b, y = b) = 60 · 0.5 + 40 · 1 = 70`, min 0 (x = a, y = a), max 100
    /// (x = c, y = b), so `u'_A = 0.7`; `u_B(b, b) = 0.5 + 0 = 0.5` over [0, 2], `u'_B = 0.25`.
    /// A reservation of exactly 0.7 accepts the package, one of 0.7000001 does not.
    @Test func aPackageWorthExactlyTheNormalizedReservationIsAcceptable() throws {
        let space = try DiscreteSpace(try Self.percentages(reservation: 0.7), file: "p")
        #expect(space.utilities(of: [1, 1]) == [0.7, 0.25])
        #expect(space.utilities(of: [0, 0]) == [0, 1])
        #expect(space.utilities(of: [2, 1]) == [1, 0])
        #expect(Self.isAcceptable([1, 1], in: space))
        #expect(!Self.isAcceptable([2, 0], in: space), "u_A = 60 → 0.6 < 0.7")
        let stricter = try DiscreteSpace(try Self.percentages(reservation: 0.7000001), file: "p")
        #expect(!Self.isAcceptable([1, 1], in: stricter))
    }

    /// Without `normalize` the same scenario is used as given: `u_A(b, b) = 70`.
    @Test func withoutNormalizeUtilitiesAreAsGiven() throws {
        let space = try DiscreteSpace(try Self.percentages(reservation: 0, normalize: false), file: "p")
        #expect(space.utilities(of: [1, 1]) == [70, 0.5])
    }

    /// Percentages and fractions give the same solutions once normalized (the scale of the
    /// weights is gone); as given, the utilitarian solution differs (A's 60 + 40 outweighs B's 2).
    @Test func percentagesAndFractionsAgreeWhenNormalized() throws {
        func packages(_ scenario: Scenario) throws -> [String: [Int]] {
            let report = Solver.solve(try BargainingProblem(scenario, file: "p"))
            return Dictionary(uniqueKeysWithValues: report.solutions.compactMap { solution in
                solution.result.agreement.map { (solution.concept.rawValue, optionIndices($0.package)) }
            })
        }
        var fractions = try Self.percentages(reservation: 0)
        fractions.preferences[0].weights = [0.6, 0.4]
        fractions.preferences[1].weights = [0.5, 0.5]
        #expect(try packages(Self.percentages(reservation: 0)) == packages(fractions))
        var asGiven = try Self.percentages(reservation: 0, normalize: false)
        let given = try packages(asGiven)
        asGiven.normalize = true
        #expect(given["utilitarian"] != (try packages(asGiven))["utilitarian"])
    }

    /// Random scenarios (interactions, red lines, weights as percentages): every package's
    /// normalized utility and acceptability agree with a brute force over all packages, written
    /// here from the definition with exact integers (numbers of at most 4 decimals, so utilities
    /// are integers of 10^-8 for fractions and 10^-6 after ×100).
    @Test(arguments: 1...12)
    func normalizedUtilitiesMatchABruteForce(seed: Int) throws {
        var generator = ScenarioGenerator()
        generator.parties = 2 + seed % 2
        generator.issues = 3 + seed % 2
        generator.options = 3
        generator.decimals = 4
        generator.seed = UInt64(seed)
        generator.forbids = 2
        generator.interactions = 2
        generator.combinations = 1
        var scenario = try generator.generate().validated(file: "generated")
        scenario.preferences[0].weights = scenario.preferences[0].weights.map { ($0 * 1e6).rounded() / 1e4 }  // percentages
        scenario.normalize = true
        let reservation = [0.35, 0.5, 0.2]  // normalized units, 2 decimals
        for i in scenario.parties.indices { scenario.parties[i].reservation = reservation[i] }
        let space = try DiscreteSpace(scenario.validated(file: "generated"), file: "generated")

        let packages = Self.allPackages(scenario)
        let exact = packages.map { Self.exactUtilities($0, scenario) }
        for i in scenario.parties.indices {
            let low = exact.map { $0[i] }.min() ?? 0, high = exact.map { $0[i] }.max() ?? 0
            for (package, utilities) in zip(packages, exact) {
                let expected = high > low ? Double(utilities[i] - low) / Double(high - low) : 0
                #expect(space.utilities(of: package)[i] == expected, "seed \(seed), party \(i), package \(package)")
            }
        }
        for (package, utilities) in zip(packages, exact) {
            let acceptable = Self.crossesNoRedLine(package, scenario) && scenario.parties.indices.allSatisfy { i in
                let low = exact.map { $0[i] }.min() ?? 0, high = exact.map { $0[i] }.max() ?? 0
                // u' ≥ r ⇔ (u − low) · 100 ≥ (100 r) · (high − low), r with two decimals.
                return (utilities[i] - low) * 100 >= Int64((reservation[i] * 100).rounded()) * (high - low)
            }
            #expect(Self.isAcceptable(package, in: space) == acceptable, "seed \(seed), package \(package)")
        }
    }

    @Test func normalizeRoundTripsThroughYAMLAndJSON() throws {
        let original = try Self.percentages(reservation: 0.5)
        #expect(original.yaml.contains("normalize: true"))
        #expect(try Scenario.parse(data: Data(original.yaml.utf8), file: "n.yaml", format: .yaml) == original)
        #expect(try Scenario.parse(data: Data(original.jsonDocument.rendered().utf8), file: "n.json", format: .json) == original)
        let plain = try Self.percentages(reservation: 0.5, normalize: false)
        #expect(!plain.yaml.contains("normalize"))
    }

    // MARK: Continuous and mixed scenarios

    /// A cake (divisible, A's share s) and a day (range [0, 10]). A: `10 s` (weight 1, values
    /// 0 → 10) plus `4 · tent(t)` (tent 0 at 0 and 10, 1 at 5), so `u_A ∈ [0, 14]`; B: `2 (1 − s)`
    /// (weight 2), indifferent to the day, `u_B ∈ [0, 2]`. `extra` is appended to the YAML.
    static func cakeAndDay(aCake: String = "[[0, 0], [1, 10]]", aWeights: String = "{cake: 1, day: 4}", reservation: Double = 0, normalize: Bool = true, issues: String = "", preferences: (a: String, b: String) = ("}", "")) throws -> Scenario {
        let yaml = """
            accord: 1
            name: cake and day
            normalize: \(normalize)
            parties: [{id: A, reservation: \(reservation)}, {id: B}]
            issues:
              - {id: cake, divisible: true}
              - {id: day, range: [0, 10]}
            \(issues)
            preferences:
              A: {weights: \(aWeights), values: {cake: \(aCake), day: [[0, 0], [5, 1], [10, 0]]\(preferences.a)}
              B: {weights: {cake: 2, day: 0\(preferences.b.isEmpty ? "" : ", venue: 2")}, values: {cake: [[0, 0], [1, 1]], day: [[0, 0], [10, 0]]\(preferences.b)}}
            """
        return try Scenario.parse(data: Data(yaml.utf8), file: "cake.yaml", format: .yaml)
    }

    static func agreement(_ scenario: Scenario, _ concept: SolutionConcept) throws -> Agreement? {
        Solver.solve(try BargainingProblem(scenario, file: "cake.yaml", concepts: [concept])).solutions.first { $0.concept == concept }?.result.agreement
    }

    static func share(_ agreement: Agreement?, issue: Int = 0) -> Double? {
        guard let agreement, case .shares(let shares) = agreement.package[issue] else { return nil }
        return shares[0]
    }

    /// By hand, normalized: `u'_A = (10 s + 4 tent(t)) / 14`, `u'_B = 1 − s`; t = 5 is free for A.
    /// - Nash (d = 0): max (10 s + 4)(1 − s): 10 (1 − s) = 10 s + 4, s = 0.3, u' = (0.5, 0.7).
    /// - Kalai–Smorodinsky: ideal (1, 1), so u'_A = u'_B: 10 s + 4 = 14 − 14 s, s = 5/12,
    ///   u' = (7/12, 7/12); egalitarian the same.
    /// Without normalize, egalitarian wants 10 s + 4 = 2 (1 − s), s < 0: the cake goes to B (s = 0).
    @Test func continuousUtilitiesAreRescaledToTheUnitInterval() throws {
        let scenario = try Self.cakeAndDay()
        let nash = try Self.agreement(scenario, .nash)
        #expect(abs((Self.share(nash) ?? -1) - 0.3) < 1e-4)
        #expect(abs((nash?.utilities[0] ?? -1) - 0.5) < 1e-4 && abs((nash?.utilities[1] ?? -1) - 0.7) < 1e-4)
        for concept in [SolutionConcept.kalaiSmorodinsky, .egalitarian] {
            let agreement = try Self.agreement(scenario, concept)
            #expect(abs((Self.share(agreement) ?? -1) - 5.0 / 12) < 1e-4, "\(concept)")
            #expect(agreement.map { $0.utilities.allSatisfy { abs($0 - 7.0 / 12) < 1e-4 } } == true, "\(concept)")
        }
        let plain = try Self.agreement(try Self.cakeAndDay(normalize: false), .egalitarian)
        #expect(abs(Self.share(plain) ?? -1) < 1e-4)
    }

    /// Mixed: a venue {x, y}; A gets 7 for y but an interaction takes 7 off when venue = y, so
    /// A's venue group is worth 0 either way and A's range stays [0, 14] (21 if the interaction
    /// were ignored); B gets 2 for x, `u_B ∈ [0, 4]`. Venue x is free for A, so
    /// `u'_B = (2 − s) / 2`; Nash: max (10 s + 4)(2 − s): 10 (2 − s) = 10 s + 4, s = 0.8,
    /// u' = (12/14, 0.6).
    @Test func mixedScenariosAddTheDiscreteGroupsExtremes() throws {
        let scenario = try Self.cakeAndDay(
            aWeights: "{cake: 1, day: 4, venue: 7}",
            issues: "  - {id: venue, options: [x, y]}",
            preferences: (", venue: {x: 0, y: 1}}, interactions: [{when: {venue: y}, value: -7}]", ", venue: {x: 1, y: 0}"))
        let nash = try Self.agreement(scenario, .nash)
        #expect(abs((Self.share(nash) ?? -1) - 0.8) < 1e-4)
        #expect(nash?.package[2] == .option(0))
        #expect(abs((nash?.utilities[0] ?? -1) - 12.0 / 14) < 1e-4 && abs((nash?.utilities[1] ?? -1) - 0.6) < 1e-4)
    }

    /// Affine invariance: A's utility times 3 plus 3 · 5 (weights × 3, cake values + 5) leaves
    /// the normalized scenario, and so its Nash package, unchanged; the reservation 0.3 is in
    /// normalized units, so it transforms to itself.
    @Test func theNormalizedNashPackageIgnoresAnAffineChangeOfScale() throws {
        let original = try Self.agreement(try Self.cakeAndDay(reservation: 0.3), .nash)
        let changed = try Self.agreement(try Self.cakeAndDay(aCake: "[[0, 5], [1, 15]]", aWeights: "{cake: 3, day: 12}", reservation: 0.3), .nash)
        #expect(original != nil)
        #expect(abs((Self.share(original) ?? -1) - (Self.share(changed) ?? -2)) < 1e-4)
        for i in 0..<2 { #expect(abs((original?.utilities[i] ?? -1) - (changed?.utilities[i] ?? -2)) < 1e-4) }
    }

    /// A venue with weight 0 whose only effect on A is an interaction (−7 when venue = y). A's
    /// utility: `10 s + 4 tent(t) − 7 [venue = y]`, from −7 to 14, so
    /// `u'_A = (10 s + 4 tent(t) − 7 [y] + 7) / 21`; at s = 1, t = 5, venue x: 21/21 = 1; at
    /// s = 0, t = 0, venue y: 0; at s = 1/2, t = 5, venue y: (5 + 4 − 7 + 7)/21 = 9/21. Then the same with cake and day weighted 0 too (only the
    /// interaction moves u_A: from −7 to 0, `u'_A = 1 − [y]`).
    @Test func aShiftFromInteractionsAloneIsKept() throws {
        let issues = "  - {id: venue, options: [x, y]}"
        let a = ", venue: {x: 0, y: 0}}, interactions: [{when: {venue: y}, value: -7}]"
        let b = ", venue: {x: 0, y: 0}"
        let scenario = try Self.cakeAndDay(aWeights: "{cake: 1, day: 4, venue: 0}", issues: issues, preferences: (a, b))
        let rescaled = try scenario.normalizedUtilities(file: "cake.yaml")
        #expect(abs(rescaled.utility(of: [.shares([1, 0]), .number(5), .option(0)], party: 0) - 1) < 1e-12)
        #expect(abs(rescaled.utility(of: [.shares([0, 1]), .number(0), .option(1)], party: 0)) < 1e-12)
        #expect(abs(rescaled.utility(of: [.shares([0.5, 0.5]), .number(5), .option(1)], party: 0) - 9.0 / 21) < 1e-12)
        let onlyInteractions = try Self.cakeAndDay(aWeights: "{cake: 0, day: 0, venue: 0}", issues: issues, preferences: (a, b))
        let alone = try onlyInteractions.normalizedUtilities(file: "cake.yaml")
        #expect(abs(alone.utility(of: [.shares([0.5, 0.5]), .number(5), .option(0)], party: 0) - 1) < 1e-12)
        #expect(abs(alone.utility(of: [.shares([0.5, 0.5]), .number(5), .option(1)], party: 0)) < 1e-12)
    }

    /// A party indifferent to everything reads every utility as 0, as in the discrete path
    /// (`Quantizer.normalize(party:range:)`), rather than dividing by 0.
    @Test func aConstantPartyReadsZeroAsInTheDiscretePath() throws {
        let scenario = try Self.cakeAndDay(aWeights: "{cake: 0, day: 0}")
        let rescaled = try scenario.normalizedUtilities(file: "cake.yaml")
        #expect(rescaled.utility(of: [.shares([0.4, 0.6]), .number(5)], party: 0) == 0)
        #expect(abs(rescaled.utility(of: [.shares([0.4, 0.6]), .number(5)], party: 1) - 0.6) < 1e-12)
    }

    // MARK: Warnings

    /// Sums by hand: A 60 + 40 = 100, B 1 + 1 = 2; none once normalized.
    @Test func weightsThatDoNotSumToOneAreWarnedAbout() throws {
        #expect(try Self.percentages(reservation: 0, normalize: false).warnings == [
            .weightsDoNotSumToOne(party: "A", sum: 100), .weightsDoNotSumToOne(party: "B", sum: 2),
        ])
        #expect(try Self.percentages(reservation: 0).warnings == [])
        // 0.3 + 0.7 is 1 up to binary rounding: no warning.
        var close = try Self.percentages(reservation: 0, normalize: false)
        close.preferences = close.preferences.map { var p = $0; p.weights = [0.3, 0.7]; return p }
        #expect(close.warnings == [])
    }

    /// `accord validate` prints the warnings on stderr and still exits 0; bill-jack's weights
    /// are 1 per issue over 9 issues (sum 9).
    @Test func validatePrintsTheWarningsOnStderr() throws {
        let result = try AccordExecutable.run(["validate", Repository.data("bill-jack.yaml")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok"))
        #expect(result.stderr.contains("warning: "))
        #expect(result.stderr.contains("party 'Bill': weights sum to 9, not 1"))
        #expect(result.stderr.contains("party 'Jack': weights sum to 9, not 1"))
        let clean = try AccordExecutable.run(["validate", Repository.data("blue-harbor-discrete.yaml")])
        #expect(clean.status == 0 && clean.stderr.isEmpty, "\(clean.stderr)")
    }

    // MARK: Brute force, from the definitions

    static func isAcceptable(_ package: [Int], in space: DiscreteSpace) -> Bool {
        space.isAllowed(package) && zip(space.quantizedUtilities(of: package), space.threshold).allSatisfy { $0 >= $1 }
    }

    static func allPackages(_ scenario: Scenario) -> [[Int]] {
        scenario.issues.reduce([[]]) { partial, issue in
            partial.flatMap { prefix in (0..<(issue.options?.count ?? 0)).map { prefix + [$0] } }
        }
    }

    /// A number with at most `digits` decimals as an integer of `10^-digits`.
    static func units(_ x: Double, digits: Int) -> Int64 {
        let scale = (0..<digits).reduce(1.0) { value, _ in value * 10 }
        return Int64((x * scale).rounded())
    }

    /// `Σ_j w_j v_j(x_j) + Σ interactions that apply`, in integers of 10^-8 (weights and values
    /// of at most 4 decimals each, interactions of at most 4).
    static func exactUtilities(_ package: [Int], _ scenario: Scenario) -> [Int64] {
        zip(scenario.parties.indices, scenario.preferences).map { _, preference in
            var total: Int64 = 0
            for (j, function) in preference.values.enumerated() {
                guard case .table(let table)? = function else { continue }
                total += units(preference.weights[j], digits: 4) * units(table[package[j]], digits: 4)
            }
            for interaction in preference.interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
                total += units(interaction.value, digits: 4) * 10_000
            }
            return total
        }
    }

    static func crossesNoRedLine(_ package: [Int], _ scenario: Scenario) -> Bool {
        scenario.preferences.allSatisfy { preference in
            preference.redLines.allSatisfy { redLine in
                switch redLine {
                case .forbid(let issue, let options): return !options.contains(package[issue])
                case .forbidCombination(let choices): return !choices.allSatisfy { package[$0.issue] == $0.option }
                case .bounds: return true
                }
            }
        }
    }
}
