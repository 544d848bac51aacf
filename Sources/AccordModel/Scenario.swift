/// A negotiation: who is at the table, what is on it, and what each party wants.
///
/// A scenario is immutable data, validated when it is built (see `Scenario+Validation.swift`):
/// every index it holds (issue, option, party) is in range, every array has its documented
/// length and every number is finite. The initializer, the YAML/JSON loader and the GENIUS
/// importer all go through the same checks. The properties stay mutable for callers that derive
/// one scenario from another; after changing them, `validated(file:)` checks the result again.
/// Arrays indexed by party follow the order of `parties`; arrays indexed by issue follow `issues`.
public struct Scenario: Sendable, Equatable {
    /// Human-readable title, e.g. "Blue Harbor Accord".
    public var name: String
    /// Optional free text.
    public var description: String?
    /// How the disagreement point `d` is defined (DESIGN.md §1.2).
    public var disagreement: DisagreementRule
    /// Whether each party's utility is rescaled to [0, 1] over the outcome space (DESIGN.md §1.1):
    /// `u'_i = (u_i − min u_i) / (max u_i − min u_i)`, min and max over every package, red lines
    /// ignored. The reservation is then read in these normalized units. `false`: weights and
    /// values are used as given.
    public var normalize: Bool
    public var parties: [Party]
    public var issues: [Issue]
    /// `preferences[i]` belongs to `parties[i]`.
    public var preferences: [Preference]
    /// The distributions of numbers the analyst is unsure of (`uncertainty:`), for
    /// `sensitivity --samples`; every other command ignores them.
    public var uncertainty: [Uncertainty] = []
    /// Which sets of parties can adopt a package (`decision_rule:`; unanimity by default), for
    /// `accord coalitions` and Baron–Ferejohn bargaining; the bargaining solutions are those of
    /// the whole table whatever the rule.
    public var decisionRule: DecisionRule = .unanimity
    /// Groups of parties that negotiate as one (`blocs:`), for `accord coalitions --blocs`.
    public var blocs: [Bloc] = []

    /// A scenario, checked as a loaded file is (`validated(file:)`).
    ///
    /// - Parameter file: the name problems are reported in (`file: path: message`).
    /// - Throws: `ScenarioError.invalid` with every problem found, each with its field path
    ///   (`preferences.B.weights.fisheries`), e.g. a weights array of the wrong length or a red
    ///   line on an issue index that does not exist.
    public init(
        name: String, description: String? = nil, disagreement: DisagreementRule = .reservation, normalize: Bool = false,
        parties: [Party], issues: [Issue], preferences: [Preference], file: String = "scenario"
    ) throws(ScenarioError) {
        self.init(
            unchecked: name, description: description, disagreement: disagreement, normalize: normalize, parties: parties,
            issues: issues, preferences: preferences)
        try validate(file: file)
    }

    /// A scenario built without checks, for builders in this package whose output is valid by
    /// construction (`ScenarioGenerator`; its tests check what it builds with `validated(file:)`).
    package init(
        unchecked name: String, description: String? = nil, disagreement: DisagreementRule = .reservation,
        normalize: Bool = false, parties: [Party], issues: [Issue], preferences: [Preference]
    ) {
        self.name = name
        self.description = description
        self.disagreement = disagreement
        self.normalize = normalize
        self.parties = parties
        self.issues = issues
        self.preferences = preferences
    }

    /// The index of the party with this id, if any.
    public func partyIndex(_ id: String) -> Int? { parties.firstIndex { $0.id == id } }

    /// The index of the issue with this id, if any.
    public func issueIndex(_ id: String) -> Int? { issues.firstIndex { $0.id == id } }

    /// The tracks in order of first appearance among the issues.
    public var tracks: [String] {
        var seen = Set<String>()
        return issues.compactMap { seen.insert($0.track).inserted ? $0.track : nil }
    }
}

/// The rule that defines each party's disagreement utility `d_i`.
public enum DisagreementRule: String, Sendable, Equatable, CaseIterable {
    /// `d_i` is the party's `reservation` (its BATNA).
    case reservation
    /// `d_i` is the party's utility of the status quo package.
    case statusQuo = "status_quo"
}

/// A party at the table.
public struct Party: Sendable, Equatable {
    /// Identifier, `[A-Za-z0-9_-]+`, unique among parties.
    public var id: String
    public var name: String?
    /// Utility of the party's best alternative to a negotiated agreement (BATNA).
    public var reservation: Double
    /// Bargaining power `p_i > 0` of the asymmetric Nash solution.
    public var power: Double
    /// Discount factor `δ_i ∈ (0, 1)` per bargaining round, used by the dynamics; `nil` when not given.
    public var discount: Double?
    /// Voting or entry weight `≥ 0` under a weighted decision rule (population, emissions share);
    /// `nil` when not given.
    public var weight: Double?

    public init(id: String, name: String? = nil, reservation: Double = 0, power: Double = 1, discount: Double? = nil, weight: Double? = nil) {
        self.id = id
        self.name = name
        self.reservation = reservation
        self.power = power
        self.discount = discount
        self.weight = weight
    }
}

/// An issue on the table.
public struct Issue: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// The negotiation track the issue belongs to (linkage analysis); defaults to the issue id.
    public var track: String
    public var domain: IssueDomain
    /// The value the issue keeps if the talks fail, if given.
    public var statusQuo: IssueValue?

    public init(id: String, name: String? = nil, track: String? = nil, domain: IssueDomain, statusQuo: IssueValue? = nil) {
        self.id = id
        self.name = name
        self.track = track ?? id
        self.domain = domain
        self.statusQuo = statusQuo
    }

    /// The options of a discrete issue; `nil` for continuous and divisible issues.
    public var options: [String]? {
        if case .options(let options) = domain { return options }
        return nil
    }
}

/// The set of values an issue can take.
public enum IssueDomain: Sendable, Equatable {
    /// A discrete issue: one of the listed options.
    case options([String])
    /// A continuous issue: any number in `lower...upper`.
    case range(lower: Double, upper: Double)
    /// A good or a cost split among all parties; the shares sum to 1.
    case divisible
}

/// The value an issue takes in a package.
public enum IssueValue: Sendable, Equatable, Hashable {
    /// The option at this index of a discrete issue.
    case option(Int)
    /// A point of a continuous issue.
    case number(Double)
    /// The shares of a divisible issue, one per party, summing to 1.
    case shares([Double])

    /// The option index of a discrete issue's value; `nil` for numbers and shares.
    public var option: Int? {
        if case .option(let option) = self { return option }
        return nil
    }
}

/// One party's preferences: `u(x) = Σ_j w_j · v_j(x_j) + Σ interactions that apply`.
public struct Preference: Sendable, Equatable {
    /// `weights[j]` for issue `j`, finite and `≥ 0`.
    public var weights: [Double]
    /// `values[j]` for issue `j`; `nil` only where the weight is 0.
    public var values: [ValueFunction?]
    public var interactions: [Interaction]
    public var redLines: [RedLine]

    public init(weights: [Double], values: [ValueFunction?], interactions: [Interaction] = [], redLines: [RedLine] = []) {
        self.weights = weights
        self.values = values
        self.interactions = interactions
        self.redLines = redLines
    }
}

/// How much a party values the states of one issue.
public enum ValueFunction: Sendable, Equatable {
    /// Discrete issue: the value of each option, in option order.
    case table([Double])
    /// Continuous or divisible issue: piecewise linear through points with strictly increasing `x`
    /// (for a divisible issue, `x` is the party's own share).
    case piecewise([Breakpoint])

    /// A point `(x, value)` of a piecewise-linear value function.
    public struct Breakpoint: Sendable, Equatable {
        public var x: Double
        public var value: Double
        public init(x: Double, value: Double) {
            self.x = x
            self.value = value
        }
    }
}

/// A condition "issue takes option" on a discrete issue.
public struct OptionChoice: Sendable, Equatable, Hashable {
    public var issue: Int
    public var option: Int
    public init(issue: Int, option: Int) {
        self.issue = issue
        self.option = option
    }
}

/// A non-additive term: `value` is added to the party's utility when every listed issue takes the
/// listed option.
public struct Interaction: Sendable, Equatable {
    /// Conditions on distinct discrete issues, sorted by issue index.
    public var when: [OptionChoice]
    public var value: Double
    public init(when: [OptionChoice], value: Double) {
        self.when = when.sorted { $0.issue < $1.issue }
        self.value = value
    }
}

/// A red line: a package that crosses it is never acceptable to the party that holds it.
public enum RedLine: Sendable, Equatable {
    /// These options of a discrete issue are excluded.
    case forbid(issue: Int, options: [Int])
    /// A continuous issue (or the party's own share of a divisible issue) must stay within bounds.
    case bounds(issue: Int, min: Double?, max: Double?)
    /// This combination of options (on distinct discrete issues, sorted by issue) is excluded.
    case forbidCombination([OptionChoice])
}
