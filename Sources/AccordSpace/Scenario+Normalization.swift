import AccordModel

extension Scenario {
    /// The scenario with every party's utility rescaled to [0, 1] (`Scenario.normalize`) in its
    /// weights and values, for the continuous solvers: `u' = (u − m) / (M − m)` with `m`, `M` the
    /// party's smallest and largest utility over *all* packages, red lines ignored, as
    /// `DiscreteSpace` does for discrete scenarios. Returned with `normalize: false`.
    ///
    /// Utilities are additive, so `m` and `M` are sums of extremes: a range's weighted value over
    /// `[lower, upper]` and a divisible issue's over the share interval [0, 1] (piecewise linear:
    /// at the endpoints and the breakpoints inside), and a discrete issue's over its options — or,
    /// for discrete issues the party's interactions tie together, the group's over its option
    /// combinations. Each issue's value is shifted by its (group's) minimum and every weight and
    /// interaction divided by `M − m`. A group whose first issue has no weight or no value (only
    /// interactions move it) has its minimum taken off the first issue that has both, else off a
    /// constant table put on the first discrete issue (its own contribution was 0). A party indifferent between
    /// all packages (`M = m`) reads every utility as 0, as in the discrete path. Reservations are
    /// normalized utilities already.
    ///
    /// - Throws: `ScenarioError.unsupported` when an interaction group has more than
    ///   `SolverSettings().maxEnumeration` option combinations.
    /// - Complexity: O(Σ_i (Σ_j K_j + Σ_g Π_{j ∈ g} options_j · |g|)).
    package func normalizedUtilities(file: String) throws(ScenarioError) -> Scenario {
        var copy = self
        copy.normalize = false
        for i in preferences.indices {
            copy.preferences[i] = try normalized(preferences[i], party: i, file: file)
        }
        return copy
    }

    /// One party's preference rescaled as `normalizedUtilities(file:)` describes.
    private func normalized(_ preference: Preference, party: Int, file: String) throws(ScenarioError) -> Preference {
        var result = preference
        var shifts = [Double](repeating: 0, count: issues.count)  // subtracted from the weighted value
        var lowest = 0.0, highest = 0.0
        let options = issues.map { $0.options?.count ?? 0 }
        for j in issues.indices where issues[j].options == nil {
            let weighted = Self.weightedExtremes(preference, issue: j, domain: issues[j].domain)
            shifts[j] = weighted.low
            lowest += weighted.low
            highest += weighted.high
        }
        let groups = DiscreteSpace.connectedGroups(issueCount: issues.count, links: preference.interactions.map { $0.when.map(\.issue) })
        for group in groups where issues[group[0]].options != nil {
            let inGroup = preference.interactions.filter { group.contains($0.when[0].issue) }
            let count = try DiscreteSpace.normalizationGroupSize(group, options: options, party: parties[party].id, file: file)
            var low = Double.infinity, high = -Double.infinity
            var choice = [Int](repeating: 0, count: issues.count)
            for index in 0..<count {
                var rest = index
                for j in group {
                    choice[j] = rest % options[j]
                    rest /= options[j]
                }
                let package = choice.map { IssueValue.option($0) }
                let total = group.reduce(0.0) { $0 + weightedValue(preference, issue: $1, option: choice[$1]) }
                    + inGroup.filter { $0.when.allSatisfy { package[$0.issue] == .option($0.option) } }.reduce(0.0) { $0 + $1.value }
                low = min(low, total)
                high = max(high, total)
            }
            shifts[group[0]] = low
            lowest += low
            highest += high
        }
        let range = highest - lowest
        let scale = range > 0 ? 1 / range : 0
        let carries = { (j: Int) in preference.weights[j] != 0 && preference.values[j] != nil }
        let leftover = issues.indices.filter { !carries($0) }.reduce(0.0) { $0 + shifts[$1] }
        if leftover != 0, range > 0 {
            if let j = issues.indices.first(where: carries) {
                shifts[j] += leftover
            } else if let j = issues.indices.first(where: { issues[$0].options != nil }) {  // only interactions move u
                result.weights[j] = 1
                result.values[j] = .table(Array(repeating: -leftover * scale, count: options[j]))
            }
        }
        for j in issues.indices {
            let weight = preference.weights[j]
            guard weight != 0, let function = preference.values[j] else { continue }
            let offset = shifts[j] / weight  // the value shift that removes `shifts[j]` from `w_j v_j`
            switch function {
            case .table(let table): result.values[j] = .table(table.map { $0 - offset })
            case .piecewise(let points): result.values[j] = .piecewise(points.map { .init(x: $0.x, value: $0.value - offset) })
            }
            result.weights[j] = weight * scale
        }
        result.interactions = preference.interactions.map { Interaction(when: $0.when, value: $0.value * scale) }
        return result
    }

    /// `w_j v_j(o)` for option `o` of a discrete issue.
    private func weightedValue(_ preference: Preference, issue j: Int, option: Int) -> Double {
        guard case .table(let table) = preference.values[j], table.indices.contains(option) else { return 0 }
        return preference.weights[j] * table[option]
    }

    /// The smallest and largest `w_j v_j(x)` over a range's `[lower, upper]` or a share in [0, 1]:
    /// a piecewise-linear function takes them at an endpoint or a breakpoint inside.
    private static func weightedExtremes(_ preference: Preference, issue j: Int, domain: IssueDomain) -> (low: Double, high: Double) {
        guard let function = preference.values[j]?.piecewiseLinear else { return (0, 0) }
        let (lower, upper): (Double, Double)
        switch domain {
        case .range(let l, let u): (lower, upper) = (l, u)
        case .divisible, .options: (lower, upper) = (0, 1)
        }
        let values = ([lower, upper] + function.x.filter { $0 > lower && $0 < upper }).map { preference.weights[j] * function($0) }
        return (values.min() ?? 0, values.max() ?? 0)
    }
}
