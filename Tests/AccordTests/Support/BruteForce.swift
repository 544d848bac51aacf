import Accord

/// An independent oracle for discrete scenarios: enumerates every package of the Cartesian
/// product, evaluates utilities straight from the scenario (weights × values + interactions, red
/// lines as written) and applies the definitions of DESIGN.md §1.3 literally — no compiled
/// tables, no merge. Exponential: for small instances.
///
/// Utilities are computed exactly, in integers of 10^-8: every number of the test scenarios has
/// at most four decimals (`ScenarioGenerator` with `decimals` 0 or 4), which the oracle checks.
struct BruteForce {
    struct Outcome {
        var package: [Int]
        /// Exact utilities in units of 10^-8.
        var exact: [Int64]
        var utilities: [Double] { exact.map { Double($0) / 1e8 } }
    }

    /// A number with at most four decimals, in units of 10^-4.
    static func units(_ x: Double) -> Int64 {
        let scaled = (x * 1e4).rounded()
        precondition(abs(x * 1e4 - scaled) < 1e-6, "test scenario number \(x) has more than four decimals")
        return Int64(scaled)
    }

    let scenario: Scenario
    /// Every package that crosses no red line, in lexicographic order of options.
    let allowed: [Outcome]
    let disagreement: [Double]

    init(_ scenario: Scenario) {
        self.scenario = scenario
        let counts = scenario.issues.map { $0.options?.count ?? 0 }
        let exactDisagreement: [Int64]
        var all: [Outcome] = []
        var package = [Int](repeating: 0, count: counts.count)
        func visit(_ j: Int) {
            if j == counts.count {
                if BruteForce.crossesNoRedLine(package, scenario) {
                    all.append(Outcome(package: package, exact: BruteForce.utilities(package, scenario)))
                }
                return
            }
            for option in 0..<counts[j] {
                package[j] = option
                visit(j + 1)
            }
        }
        visit(0)
        allowed = all
        switch scenario.disagreement {
        case .reservation:
            exactDisagreement = scenario.parties.map { BruteForce.units($0.reservation) * 10_000 }
        case .statusQuo:
            let statusQuo = scenario.issues.map { $0.statusQuo?.option ?? -1 }
            exactDisagreement = BruteForce.utilities(statusQuo, scenario)
        }
        self.exactDisagreement = exactDisagreement
        disagreement = exactDisagreement.map { Double($0) / 1e8 }
    }

    let exactDisagreement: [Int64]

    static func utilities(_ package: [Int], _ scenario: Scenario) -> [Int64] {
        scenario.preferences.map { preference in
            var total: Int64 = 0
            for (j, option) in package.enumerated() {
                if case .table(let values)? = preference.values[j] {
                    total += units(preference.weights[j]) * units(values[option])
                }
            }
            for interaction in preference.interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
                total += units(interaction.value) * 10_000
            }
            return total
        }
    }

    static func crossesNoRedLine(_ package: [Int], _ scenario: Scenario) -> Bool {
        for preference in scenario.preferences {
            for redLine in preference.redLines {
                switch redLine {
                case .forbid(let issue, let options): if options.contains(package[issue]) { return false }
                case .forbidCombination(let choices): if choices.allSatisfy({ package[$0.issue] == $0.option }) { return false }
                case .bounds: break
                }
            }
        }
        return true
    }

    var acceptable: [Outcome] {
        allowed.filter { outcome in zip(outcome.exact, exactDisagreement).allSatisfy { $0 >= $1 } }
    }

    /// Acceptable packages no acceptable package weakly improves for all and strictly for one;
    /// duplicates of a utility vector represented by the earliest package; sorted by utilities
    /// lexicographically descending.
    ///
    /// A dominating package has a strictly larger utility sum, so candidates are visited by
    /// decreasing sum (stable: earlier packages first among equals) and each is tested against the
    /// packages kept so far — by transitivity, enough to find some dominator.
    var frontier: [Outcome] {
        let candidates = acceptable.enumerated().sorted { a, b in
            let sumA = a.element.exact.reduce(0, +), sumB = b.element.exact.reduce(0, +)
            return sumA != sumB ? sumA > sumB : a.offset < b.offset
        }.map(\.element)
        var result: [Outcome] = []
        for candidate in candidates {
            let covered = result.contains { kept in zip(kept.exact, candidate.exact).allSatisfy { $0 >= $1 } }
            if !covered { result.append(candidate) }  // an equal vector kept earlier is the earlier package
        }
        return result.sorted { $0.exact.lexicographicallyPrecedes($1.exact, by: >) }
    }

    /// The package a solution concept selects over all acceptable packages, by the literal
    /// definitions and tie rules of DESIGN.md §1.3.
    func solution(_ concept: SolutionConcept) -> Outcome? {
        let candidates = acceptable
        guard !candidates.isEmpty else { return nil }
        let d = disagreement
        let power = scenario.parties.map(\.power)
        let ideal = d.indices.map { i in candidates.map { $0.utilities[i] }.max() ?? 0 }
        func score(_ u: [Double]) -> Double? {
            switch concept {
            case .nash:
                guard zip(u, d).allSatisfy({ $0 > $1 }) else { return nil }
                return u.indices.map { power[$0] * log(u[$0] - d[$0]) }.reduce(0, +)
            case .kalaiSmorodinsky:
                return u.indices.map { ideal[$0] > d[$0] ? (u[$0] - d[$0]) / (ideal[$0] - d[$0]) : 1 }.min()
            case .egalitarian:
                return u.indices.map { u[$0] - d[$0] }.min()
            case .utilitarian:
                return u.reduce(0, +)
            }
        }
        let scored = candidates.compactMap { outcome in score(outcome.utilities).map { (outcome, $0) } }
        guard let best = scored.map(\.1).max() else { return nil }
        let tolerance = concept == .nash ? 1e-12 : 1e-12 * abs(best)
        let tied = scored.filter { $0.1 >= best - tolerance }.map(\.0)
        let bestSum = tied.map { $0.utilities.reduce(0, +) }.max() ?? 0
        let finalists = tied.filter { $0.utilities.reduce(0, +) >= bestSum - 1e-12 * abs(bestSum) }
        return finalists.min { $0.package.lexicographicallyPrecedes($1.package) }
    }
}

import Foundation
