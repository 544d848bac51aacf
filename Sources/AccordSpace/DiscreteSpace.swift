import AccordModel
import AccordSkyline

/// A discrete outcome space compiled for exact computation: per-issue utility terms as integers
/// (see `Quantizer`), options left after the parties' `forbid` red lines, the forbidden
/// combinations and interactions, and the groups of issues they tie together.
///
/// Issues connected by a forbidden combination or an interaction form one *group*; utilities are
/// additive across groups, which is what makes the Pareto-sum merge exact.
///
/// With `Scenario.normalize`, every party's utility is rescaled to [0, 1] over all packages
/// (red lines ignored) in the same integers: see `normalize(terms:quantizer:...)`.
public struct DiscreteSpace: Sendable {
    public let scenario: Scenario
    public var partyCount: Int { scenario.parties.count }
    public var issueCount: Int { scenario.issues.count }

    package let quantizer: Quantizer
    /// `terms[j][o * partyCount + i]`: party `i`'s weighted value of option `o` of issue `j`.
    package let terms: [[Int64]]
    /// Options of each issue that no party forbids, ascending.
    package let allowed: [[Int]]
    /// Option combinations some party forbids (two or more issues each).
    let forbiddenCombinations: [[OptionChoice]]
    package let interactions: [CompiledInteraction]
    /// Issue groups, each sorted, ordered by their first issue.
    package let groups: [[Int]]
    /// `d_i` as integers: a package is acceptable iff `u_i ≥ threshold[i]` for every party.
    package private(set) var threshold: [Int64]
    /// Whether `threshold[i]` stands for `d_i` exactly (`Quantizer.thresholdIsExact`; always for
    /// a status-quo disagreement point): otherwise it is the next integer above `d_i`, and a
    /// package at it is already strictly better than disagreement.
    package private(set) var thresholdIsExact: [Bool]
    /// `d_i` as numbers.
    public let disagreement: [Double]

    package struct CompiledInteraction: Sendable {
        package var party: Int
        package var when: [OptionChoice]
        package var value: Int64
    }

    /// Compiles a scenario whose issues are all discrete.
    ///
    /// - Throws: `ScenarioError.unsupported` when the scenario has continuous or divisible issues.
    public init(_ scenario: Scenario, file: String) throws(ScenarioError) {
        if let issue = scenario.issues.first(where: { $0.options == nil }) {
            throw .refused(file: file, .unsupportedIssue(issue: issue.id, kind: issue.domain.kindName))
        }
        let parties = scenario.parties.count
        let options = scenario.issues.map { $0.options?.count ?? 0 }

        var quantizer = Quantizer(parties: scenario.preferences.enumerated().map { i, preference in
            Quantizer.PartyTerms(
                weights: preference.weights,
                tables: preference.tables,
                interactions: preference.interactions.map(\.value),
                reservation: scenario.unnormalizedReservation(of: scenario.parties[i]))
        })
        var terms = scenario.issues.indices.map { j in
            var table = [Int64](repeating: 0, count: options[j] * parties)
            for (i, preference) in scenario.preferences.enumerated() {
                guard case .table(let values)? = preference.values[j] else { continue }
                for o in 0..<options[j] {
                    table[o * parties + i] = quantizer.term(weight: preference.weights[j], value: values[o], party: i)
                }
            }
            return table
        }

        var forbidden = options.map { Array(repeating: false, count: $0) }
        var combinations: [[OptionChoice]] = []
        var interactions: [CompiledInteraction] = []
        for (i, preference) in scenario.preferences.enumerated() {
            for redLine in preference.redLines {
                switch redLine {
                case .forbid(let issue, let banned):
                    for option in banned { forbidden[issue][option] = true }
                case .forbidCombination(let choices) where choices.count == 1:
                    forbidden[choices[0].issue][choices[0].option] = true
                case .forbidCombination(let choices):
                    if !combinations.contains(choices) { combinations.append(choices) }
                case .bounds:
                    break  // only on continuous and divisible issues, excluded above
                }
            }
            for interaction in preference.interactions {
                interactions.append(CompiledInteraction(
                    party: i, when: interaction.when, value: quantizer.interaction(interaction.value, party: i)))
            }
        }
        if scenario.normalize {
            try Self.normalize(
                terms: &terms, quantizer: &quantizer, interactions: interactions, options: options,
                parties: scenario.parties.map(\.id), file: file)
        }
        // Every stored property is set after the last `try`.
        self.scenario = scenario
        self.terms = terms
        self.quantizer = quantizer
        allowed = forbidden.map { flags in flags.indices.filter { !flags[$0] } }
        forbiddenCombinations = combinations
        self.interactions = interactions
        groups = Self.connectedGroups(
            issueCount: options.count, links: combinations.map { $0.map(\.issue) } + interactions.map { $0.when.map(\.issue) })

        var threshold = [Int64](repeating: 0, count: parties)
        var thresholdIsExact = [Bool](repeating: true, count: parties)
        var disagreement = [Double](repeating: 0, count: parties)
        for (i, party) in scenario.parties.enumerated() {
            switch scenario.disagreement {
            case .reservation:
                threshold[i] = quantizer.threshold(party.reservation, party: i)
                thresholdIsExact[i] = quantizer.thresholdIsExact(party.reservation, party: i)
                disagreement[i] = party.reservation
            case .statusQuo:
                threshold[i] = 0
            }
        }
        if scenario.disagreement == .statusQuo {
            // Validation guarantees a status quo on every discrete issue.
            let statusQuo = scenario.issues.map { $0.statusQuo?.option ?? 0 }
            threshold = Self.utilities(of: statusQuo, terms: terms, interactions: interactions, parties: parties)
            disagreement = threshold.indices.map { quantizer.utility(threshold[$0], party: $0) }
        }
        self.threshold = threshold
        self.thresholdIsExact = thresholdIsExact
        self.disagreement = disagreement
    }

    /// Rescales every party's utility to [0, 1] (`Scenario.normalize`): `u' = (u − m) / (M − m)`
    /// with `m`, `M` the smallest and largest utility over *all* packages, red lines ignored.
    ///
    /// Exact in the integers: utilities are additive across the groups of issues that the
    /// party's interactions tie together, so `m = Σ_g m_g` and `M = Σ_g M_g` with each group's
    /// extremes found by enumerating its options (one issue: its options). Each group's first
    /// issue's terms are shifted by `−m_g`, so that a package's integer utility is `q − m` and
    /// every issue's term is its gain over the worst of its options (group); the quantizer reads
    /// `q − m` in units of `1/(M − m)`.
    ///
    /// - Throws: `ScenarioError.unsupported` when a group has more than
    ///   `SolverSettings().maxEnumeration` option combinations, or an integer would overflow.
    /// - Complexity: O(Σ_i Σ_g Π_{j ∈ g} options_j · |g|).
    private static func normalize(
        terms: inout [[Int64]], quantizer: inout Quantizer, interactions: [CompiledInteraction], options: [Int],
        parties ids: [String], file: String
    ) throws(ScenarioError) {
        let parties = ids.count
        let overflow = ScenarioError.unsupported(file: file, reason: "normalize: the utility range does not fit in 64-bit integers; rescale the weights or values")
        for i in 0..<parties {
            let own = interactions.filter { $0.party == i }
            var lowest: Int64 = 0, highest: Int64 = 0
            for group in connectedGroups(issueCount: options.count, links: own.map { $0.when.map(\.issue) }) {
                let inGroup = own.filter { group.contains($0.when[0].issue) }
                let count = try normalizationGroupSize(group, options: options, party: ids[i], file: file)
                var groupLow = Int64.max, groupHigh = Int64.min
                var choice = [Int](repeating: 0, count: options.count)
                for index in 0..<count {
                    var rest = index
                    var total: Int64 = 0
                    for j in group {
                        choice[j] = rest % options[j]
                        rest /= options[j]
                        total += terms[j][choice[j] * parties + i]  // |Σ terms| < 2^60 (Quantizer)
                    }
                    for interaction in inGroup where interaction.when.allSatisfy({ choice[$0.issue] == $0.option }) {
                        total += interaction.value
                    }
                    groupLow = min(groupLow, total)
                    groupHigh = max(groupHigh, total)
                }
                for o in 0..<options[group[0]] {
                    let (shifted, overflowed) = terms[group[0]][o * parties + i].subtractingReportingOverflow(groupLow)
                    guard !overflowed else { throw overflow }
                    terms[group[0]][o * parties + i] = shifted
                }
                let (low, lowOverflow) = lowest.addingReportingOverflow(groupLow)
                let (high, highOverflow) = highest.addingReportingOverflow(groupHigh)
                guard !lowOverflow, !highOverflow else { throw overflow }
                lowest = low
                highest = high
            }
            let (range, overflowed) = highest.subtractingReportingOverflow(lowest)
            guard !overflowed, range < quantizer.limit else { throw overflow }
            quantizer.normalize(party: i, range: range)
        }
    }

    /// The enumeration this space needs beyond `limit` packages, if any: a group of issues tied
    /// together by interactions or forbidden combinations is enumerated whole (Pareto-sum), and
    /// `.enumeration` enumerates the whole space.
    /// `limit` is capped at `enumerationCeiling`.
    public func enumerationRefusal(method: FrontierMethod, limit: Double) -> Refusal? {
        let limit = min(limit, Self.enumerationCeiling)
        switch method {
        case .enumeration:
            return packageCount <= limit ? nil : .spaceTooLarge(packages: packageCount, limit: limit)
        case .paretoSum:
            for group in groups {
                let size = group.reduce(1.0) { $0 * Double(allowed[$1].count) }
                if size > limit {
                    return .groupTooLarge(issues: group.map { scenario.issues[$0].id }, packages: size, limit: limit)
                }
            }
            return nil
        }
    }

    /// The most packages any enumeration visits, whatever the limit asked for: 2^53 ≈ 9·10^15,
    /// where package counts stop being exact doubles and the work would take years.
    public static let enumerationCeiling = 0x1p53

    /// Number of packages in the full outcome space (product of option counts), as a Double.
    public var packageCount: Double {
        scenario.issues.reduce(1.0) { $0 * Double($1.options?.count ?? 1) }
    }

    /// Integer utilities of a complete package (option index per issue).
    package func quantizedUtilities(of package: [Int]) -> [Int64] {
        Self.utilities(of: package, terms: terms, interactions: interactions, parties: partyCount)
    }

    /// Utilities of a complete package.
    public func utilities(of package: [Int]) -> [Double] {
        let quantized = quantizedUtilities(of: package)
        return quantized.indices.map { quantizer.utility(quantized[$0], party: $0) }
    }

    /// Whether a complete package crosses no red line.
    public func isAllowed(_ package: [Int]) -> Bool {
        for j in package.indices where !allowed[j].contains(package[j]) { return false }
        return !forbiddenCombinations.contains { $0.allSatisfy { package[$0.issue] == $0.option } }
    }

    private static func utilities(of package: [Int], terms: [[Int64]], interactions: [CompiledInteraction], parties: Int) -> [Int64] {
        var total = [Int64](repeating: 0, count: parties)
        for (j, option) in package.enumerated() {
            for i in 0..<parties { total[i] += terms[j][option * parties + i] }
        }
        for interaction in interactions where interaction.when.allSatisfy({ package[$0.issue] == $0.option }) {
            total[interaction.party] += interaction.value
        }
        return total
    }

    /// The number of option combinations of a group of issues that `normalize` enumerates (also
    /// for continuous scenarios: `Scenario.normalizedUtilities(file:)`).
    ///
    /// - Throws: `ScenarioError.unsupported` beyond `SolverSettings().maxEnumeration`.
    package static func normalizationGroupSize(_ group: [Int], options: [Int], party: String, file: String) throws(ScenarioError) -> Int {
        var count = 1
        for j in group {
            let (product, overflowed) = count.multipliedReportingOverflow(by: options[j])
            guard !overflowed, Double(product) <= SolverSettings().maxEnumeration else {
                throw .unsupported(file: file, reason: "normalize: the interactions of party '\(party)' tie issues into a group of more than \(formatCount(SolverSettings().maxEnumeration)) option combinations")
            }
            count = product
        }
        return count
    }

    /// Connected components of issues under the given links, each sorted, ordered by first issue.
    package static func connectedGroups(issueCount: Int, links: [[Int]]) -> [[Int]] {
        var parent = Array(0..<issueCount)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for link in links {
            guard let first = link.first else { continue }
            for other in link.dropFirst() {
                let a = root(first), b = root(other)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for j in 0..<issueCount { byRoot[root(j), default: []].append(j) }
        return byRoot.values.sorted { $0[0] < $1[0] }
    }
}

extension DiscreteSpace {
    /// The same space with no disagreement point (every package that crosses no red line counts).
    package func ignoringDisagreement() -> DiscreteSpace {
        var copy = self
        copy.threshold = Array(repeating: -quantizer.limit, count: partyCount)
        copy.thresholdIsExact = Array(repeating: false, count: partyCount)
        return copy
    }
}
