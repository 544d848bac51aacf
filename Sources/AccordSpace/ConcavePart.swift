import AccordModel
import AccordOptimize

/// A scenario with range or divisible issues, split in two: the discrete issues, compiled into a
/// `DiscreteSpace` of their own, and the continuous ones, as a `ConcaveProgram` whose constants
/// are filled in per discrete package.
///
/// Party `i`'s utility of a package is its discrete part (the discrete issues' terms and every
/// interaction, which by the format involve discrete issues only) plus its continuous part
/// (`ConcaveProgram`: the weighted value of each range's value and of the party's own share of
/// each divisible issue). Red lines split the same way: `forbid` and `forbid_combination` stay
/// with the discrete issues, `min`/`max` become the program's bounds (on a range: the
/// intersection over every party's red lines; on a divisible issue: bounds on the party's own
/// share). No red line ties a discrete option to a continuous value, so the continuous feasible
/// set is the same for every discrete package: a discrete package whose utilities are covered by
/// another's can never do better, and only the discrete part's Pareto frontier needs a concave
/// solve (`Solver`).
public struct ConcavePart: Sendable {
    /// The divisible issues (the program's goods) and the range issues (its ranges), each in
    /// scenario order.
    public let divisibleIssues: [Int]
    public let rangeIssues: [Int]
    /// The discrete issues, in scenario order.
    public let discreteIssues: [Int]
    /// `d_i` of the whole scenario (DESIGN.md §1.2; at the status quo, a divisible issue without
    /// one gives every party a share of 0).
    public let disagreement: [Double]
    /// The continuous program with `constant` 0 and the scenario's powers and disagreement.
    public let program: ConcaveProgram
    /// The most each party's continuous part can give it within the bounds (exactly: its best
    /// share of each good, within its own red lines and the others' floors, and its best value of
    /// each range).
    public let best: [Double]
    /// The discrete issues as a space whose reservations are `d_i − best_i`: its acceptable
    /// packages are those a continuous part could still make acceptable. `nil` when every
    /// issue is continuous (the discrete part is then one empty package worth 0).
    public let discrete: DiscreteSpace?

    /// Splits a validated scenario that has at least one range or divisible issue.
    ///
    /// - Throws: `ScenarioError.invalid` only if the discrete part fails validation (it cannot,
    ///   for a scenario that passed it).
    public init(_ scenario: Scenario, file: String) throws(ScenarioError) {
        let n = scenario.parties.count
        discreteIssues = scenario.issues.indices.filter { scenario.issues[$0].options != nil }
        divisibleIssues = scenario.issues.indices.filter { scenario.issues[$0].domain == .divisible }
        rangeIssues = scenario.issues.indices.filter {
            if case .range = scenario.issues[$0].domain { return true }
            return false
        }

        // The breakpoints' x of the last function made: most functions of a large scenario have
        // the same ones ([0, 1] for a linear share), and they then share one array.
        var lastX: [Double] = []
        func value(_ party: Int, _ issue: Int) -> PiecewiseLinear? {
            let preference = scenario.preferences[party]
            let weight = preference.weights[issue]
            guard weight != 0, case .piecewise(let points)? = preference.values[issue] else { return nil }
            // A 500 × 500 scenario has 250,000 of these functions.
            var y: [Double] = []
            y.reserveCapacity(points.count)
            for point in points { y.append(weight * point.value) }
            let sameX = lastX.count == points.count && zip(lastX, points).allSatisfy { $0.bitPattern == $1.x.bitPattern }
            if !sameX { lastX = points.map(\.x) }
            return PiecewiseLinear(x: lastX, y: y)
        }
        func bounds(_ party: Int, _ issue: Int) -> (min: Double?, max: Double?) {
            var result: (min: Double?, max: Double?) = (nil, nil)
            for case .bounds(issue, let minimum, let maximum) in scenario.preferences[party].redLines {
                if let minimum { result.min = max(result.min ?? minimum, minimum) }
                if let maximum { result.max = min(result.max ?? maximum, maximum) }
            }
            return result
        }
        let goods = divisibleIssues.map { j in
            ConcaveProgram.Good(
                lower: (0..<n).map { max(0, bounds($0, j).min ?? 0) }, upper: (0..<n).map { min(1, bounds($0, j).max ?? 1) },
                value: (0..<n).map { value($0, j) })
        }
        let ranges = rangeIssues.map { j in
            guard case .range(var lower, var upper) = scenario.issues[j].domain else {
                return ConcaveProgram.Range(lower: 0, upper: 0, value: [])
            }
            for party in 0..<n {
                let (minimum, maximum) = bounds(party, j)
                lower = max(lower, minimum ?? lower)
                upper = min(upper, maximum ?? upper)
            }
            return ConcaveProgram.Range(lower: lower, upper: upper, value: (0..<n).map { value($0, j) })
        }

        // Validation gives every non-divisible issue a status quo when d is taken there.
        let statusQuo = scenario.issues.map { issue -> IssueValue in
            issue.statusQuo ?? (issue.domain == .divisible ? .shares(Array(repeating: 0, count: n)) : .option(0))
        }
        let d = (0..<n).map { i in
            scenario.disagreement == .reservation ? scenario.parties[i].reservation : scenario.utility(of: statusQuo, party: i)
        }
        disagreement = d
        program = ConcaveProgram(
            parties: n, power: scenario.parties.map(\.power), disagreement: d, constant: Array(repeating: 0, count: n),
            goods: goods, ranges: ranges)
        // Party i's share of a good is at most its own cap and what the others' floors leave, so
        // this is its exact best (the issues are independent for one party).
        // The floors' total is summed once per good; a party with no floor of its own leaves it
        // unchanged (adding its 0 changes no bit), so only a party with a floor re-sums the others'.
        let floors = goods.map { $0.lower.reduce(0, +) }
        best = (0..<n).map { i in
            zip(goods, floors).reduce(0.0) { total, entry in
                let (good, floor) = entry
                let others = good.lower[i] == 0 ? floor : (0..<n).reduce(0.0) { $1 == i ? $0 : $0 + good.lower[$1] }
                return total + Self.maximum(good.value[i], lower: good.lower[i], upper: min(good.upper[i], 1 - others))
            }
                + ranges.reduce(0.0) { $0 + Self.maximum($1.value[i], lower: $1.lower, upper: $1.upper) }
        }

        if discreteIssues.isEmpty {
            discrete = nil
        } else {
            discrete = try DiscreteSpace(Self.discreteScenario(scenario, issues: discreteIssues, reservation: zip(d, best).map { $0 - $1 }), file: file)
        }
    }

    /// The largest value of `function` on `[lower, upper]` (0 for no function or an empty
    /// interval): at an end or a point in between, as it is piecewise linear.
    static func maximum(_ function: PiecewiseLinear?, lower: Double, upper: Double) -> Double {
        guard let function, lower <= upper else { return 0 }
        var best = max(function(lower), function(upper))
        for x in function.x where x > lower && x < upper { best = max(best, function(x)) }
        return best
    }

    /// The scenario of the discrete issues alone: their weights, values, interactions and
    /// discrete red lines, the issues renumbered, with `reservation` as each party's reservation.
    /// Every red line keeps its index (a `min`/`max` one becomes a `forbid` of no option, which
    /// changes nothing), so a `RedLineReference` into this scenario names the same red line in
    /// the whole scenario.
    private static func discreteScenario(_ scenario: Scenario, issues kept: [Int], reservation: [Double]) -> Scenario {
        var position = [Int: Int]()
        for (k, j) in kept.enumerated() { position[j] = k }
        func renumbered(_ choices: [OptionChoice]) -> [OptionChoice] {
            choices.compactMap { choice in position[choice.issue].map { OptionChoice(issue: $0, option: choice.option) } }
        }
        let preferences = scenario.preferences.map { preference in
            Preference(
                weights: kept.map { preference.weights[$0] }, values: kept.map { preference.values[$0] },
                interactions: preference.interactions.map { Interaction(when: renumbered($0.when), value: $0.value) },
                redLines: preference.redLines.map { line -> RedLine in
                    switch line {
                    case .forbid(let issue, let options): return .forbid(issue: position[issue] ?? 0, options: position[issue] == nil ? [] : options)
                    case .forbidCombination(let choices): return .forbidCombination(renumbered(choices))
                    case .bounds: return .forbid(issue: 0, options: [])
                    }
                })
        }
        let parties = zip(scenario.parties, reservation).map { party, reservation in
            var party = party
            party.reservation = reservation
            return party
        }
        return Scenario(
            unchecked: scenario.name, description: scenario.description, disagreement: .reservation, normalize: false,
            parties: parties, issues: kept.map { scenario.issues[$0] }, preferences: preferences)
    }

    /// The package of the whole scenario from a discrete package (one option per discrete
    /// issue, in their order), the shares of each divisible issue (`shares[k][i]`) and the value
    /// of each range.
    public func package(options: [Int], shares: [[Double]], ranges values: [Double]) -> [IssueValue] {
        var package = [IssueValue](repeating: .option(0), count: discreteIssues.count + divisibleIssues.count + rangeIssues.count)
        for (k, j) in discreteIssues.enumerated() where k < options.count { package[j] = .option(options[k]) }
        for (k, j) in divisibleIssues.enumerated() where k < shares.count { package[j] = .shares(shares[k]) }
        for (k, j) in rangeIssues.enumerated() where k < values.count { package[j] = .number(values[k]) }
        return package
    }
}
