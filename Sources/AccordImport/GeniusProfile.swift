import AccordModel
import Foundation

/// One party's additive utility space from a GENIUS/ANAC profile file, evaluated on a domain.
///
/// The file looks like
/// ```xml
/// <utility_space>
///   <objective index="0" name="Office party">
///     <issue index="1" name="Food" type="discrete">
///       <item index="1" value="Pizza" evaluation="8"/> ...
///     </issue>
///     <issue index="2" name="Guests" type="integer" lowerbound="10" upperbound="40">
///       <evaluator ftype="linear" slope="0.02" offset="0.4"/>
///     </issue>
///     <issue index="3" name="Budget" type="real">
///       <evaluator ftype="linear" parameter0="1.25" parameter1="-0.0025"/>
///       <range lowerbound="100" upperbound="500"/>
///     </issue>
///     <weight index="1" value="0.5"/> ...
///   </objective>
///   <reservation value="0.3"/>
///   <discount_factor value="0.9"/>
/// </utility_space>
/// ```
/// GENIUS semantics (`genius.core.utility`: `AdditiveUtilitySpace`, `EvaluatorDiscrete`,
/// `EvaluatorInteger`, `EvaluatorReal`, `AbstractUtilitySpace`), with
/// `u(x) = Σ_j w_j · v_j(x_j)`:
/// - `w_j`: the `<weight>` of issue `j`, as given (GENIUS does not renormalize file weights);
/// - discrete: `v_j(item) = evaluation(item) / max_k evaluation(k)`;
/// - integer: `v_j(x) = clamp(offset + slope · (x − lowerbound), 0, 1)`; files of older GENIUS
///   versions give `parameter0`, `parameter1` instead: `clamp(parameter1 · x + parameter0, 0, 1)`;
/// - real: `linear`: `clamp(parameter1 · x + parameter0, 0, 1)`; `constant`: `parameter0`;
///   `triangular` (`parameter0` lower, `parameter1` upper, `parameter2` top): 0 outside
///   `[lower, upper]`, rising linearly to 1 at the top and falling back to 0;
/// - `<reservation value>`: default 0; `<discount_factor value>`: GENIUS reads `d ≤ 0` and
///   `d = 1` as "no discount".
struct GeniusProfile {
    /// Per domain issue, in domain order.
    var weights: [Double]
    var values: [ValueFunction]
    var reservation: Double
    /// `nil` when the profile has no discount (none given, 0 or 1).
    var discount: Double?
    /// The root `<objective>` and the `<weight>` element of each domain issue, to locate
    /// problems that `ScenarioValidation` finds in the imported preferences.
    var objective: MarkupElement
    var weightElements: [MarkupElement]

    /// GENIUS treats a largest discrete evaluation below this as 0 (`EvaluatorDiscrete.normalize`).
    static let smallestMaximum = 0.00001
}

extension GeniusProfile {
    /// Reads a profile document against `domain`. Every problem found is reported to `log`; the
    /// result is `nil` when there was any.
    static func read(_ root: MarkupElement, domain: GeniusDomain, log: ProblemLog) -> GeniusProfile? {
        if let type = root.attributes["type"], type.lowercased() != "linear", type.lowercased() != "additive" {
            // ANAC 2014's `type="nonlinear"`: utility from weighted hyper-rectangle constraints, not per issue.
            log.report(root.problem(
                "utility space type \(quoted(type)) is not supported: Accord imports additive GENIUS profiles (weights and evaluations per issue); nonlinear spaces (ANAC 2014's hyper-rectangle constraints) are not yet",
                attribute: "type"))
            return nil
        }
        guard let objective = log.attempt({ try GeniusDomain.rootObjective(of: root, kind: "profile") }) else { return nil }
        let weights = readWeights(objective, domain: domain, log: log)

        var values = [ValueFunction?](repeating: nil, count: domain.issues.count)
        var seen: [Int: String] = [:]
        for element in objective.descendants(named: "issue") {
            _ = log.attempt { () throws in
                let index = try GeniusAttribute.integer(element, "index")
                let position = try domain.position(ofIssue: index, namedBy: element)
                if let first = seen[index] { throw element.problem("duplicate issue index \(index) (also \(first))", attribute: "index") }
                seen[index] = element.path
                values[position] = try readValues(element, of: domain.issues[position])
            }
        }
        for (position, issue) in domain.issues.enumerated() where values[position] == nil && seen[issue.index] == nil {
            log.report(objective.problem("missing <issue index=\"\(issue.index)\"> with the evaluations of issue \(quoted(issue.name))"))
        }

        let reservation = log.attempt { () throws in try readReservation(root) }
        let discount = log.attempt { () throws in try readDiscount(root) }
        guard log.isEmpty, let weights, let reservation, let discount else { return nil }
        let functions = values.compactMap { $0 }
        guard functions.count == values.count else { return nil }
        return GeniusProfile(
            weights: weights.map(\.value), values: functions, reservation: reservation, discount: discount,
            objective: objective, weightElements: weights.map(\.element))
    }

    /// The profile's preferences as a scenario holds them.
    var preference: Preference { Preference(weights: weights, values: values) }

    /// A problem that `ScenarioValidation` found in `preference`, located in the profile: at
    /// the `<weight>` element's `value` for a weight, at the root objective otherwise.
    func located(_ problem: FieldProblem, party: String, issues: [Issue]) -> FieldProblem {
        for (position, issue) in issues.enumerated() where problem.path == "preferences.\(party).weights.\(issue.id)" {
            return weightElements[position].problem(problem.message, attribute: "value")
        }
        return objective.problem(problem.message)
    }

    /// The `<weight index value>` of every domain issue, in domain order.
    /// Weights of objectives (the root or sub-objectives) are ignored, as GENIUS ignores them.
    private static func readWeights(
        _ objective: MarkupElement, domain: GeniusDomain, log: ProblemLog
    ) -> [(value: Double, element: MarkupElement)]? {
        var weights = [(value: Double, element: MarkupElement)?](repeating: nil, count: domain.issues.count)
        var seen: [Int: String] = [:]
        let objectives = Set(([objective] + objective.descendants(named: "objective")).compactMap { $0.attributes["index"].flatMap(Int.init) })
        for element in objective.descendants(named: "weight") {
            _ = log.attempt { () throws in
                let index = try GeniusAttribute.integer(element, "index")
                if objectives.contains(index), !domain.issues.contains(where: { $0.index == index }) { return }
                guard let position = domain.issues.firstIndex(where: { $0.index == index }) else {
                    throw element.problem("weight for index \(index), which is no issue of the domain", attribute: "index")
                }
                if let first = seen[index] { throw element.problem("duplicate weight for issue index \(index) (also \(first))", attribute: "index") }
                seen[index] = element.path
                // Whether the weight is `>= 0` is checked with the rest of the scenario (`ScenarioValidation`).
                weights[position] = (try GeniusAttribute.number(element, "value"), element)
            }
        }
        for (position, issue) in domain.issues.enumerated() where weights[position] == nil && seen[issue.index] == nil {
            log.report(objective.problem("missing <weight index=\"\(issue.index)\"> for issue \(quoted(issue.name))"))
        }
        let found = weights.compactMap { $0 }
        return found.count == weights.count ? found : nil
    }

    /// The value function of one issue from the profile's `<issue>` element.
    private static func readValues(_ element: MarkupElement, of issue: GeniusIssue) throws(FieldProblem) -> ValueFunction {
        if let name = element.attributes["name"], !name.isEmpty, name != issue.name {
            throw element.problem("issue \(issue.index) is named \(quoted(name)) here but \(quoted(issue.name)) in the domain", attribute: "name")
        }
        if let type = element.attributes["type"], type.lowercased() != issue.kind.typeName {
            throw element.problem("issue \(quoted(issue.name)) has type \(quoted(type)) here but '\(issue.kind.typeName)' in the domain", attribute: "type")
        }
        switch issue.kind {
        case .discrete(let items): return try discreteValues(element, issue: issue, items: items)
        case .integer(let lower, let upper): return try integerValues(element, issue: issue, lower: lower, upper: upper)
        case .real(let lower, let upper): return try realValues(element, issue: issue, lower: lower, upper: upper)
        }
    }

    /// `evaluation / max evaluation` per domain item.
    private static func discreteValues(_ element: MarkupElement, issue: GeniusIssue, items: [String]) throws(FieldProblem) -> ValueFunction {
        var evaluations = [Double?](repeating: nil, count: items.count)
        for item in element.children(named: "item") {
            guard let value = item.attributes["value"], !value.isEmpty else {
                throw item.problem("missing item value", attribute: "value")
            }
            guard let position = items.firstIndex(of: value) else {
                throw item.problem("unknown item \(quoted(value)) of issue \(quoted(issue.name)); domain items: \(excerptList(items))", attribute: "value")
            }
            guard evaluations[position] == nil else {
                throw item.problem("duplicate evaluation of item '\(value)'", attribute: "value")
            }
            guard let text = item.attributes["evaluation"] else {
                throw item.problem("missing evaluation of item '\(value)'", attribute: "evaluation")
            }
            let evaluation = try GeniusAttribute.number(text, item, "evaluation")
            guard evaluation >= 0 else {
                throw item.problem("evaluation must be >= 0, found \(GeniusAttribute.text(evaluation))", attribute: "evaluation")
            }
            evaluations[position] = evaluation
        }
        if let missing = evaluations.firstIndex(where: { $0 == nil }) {
            throw element.problem("missing evaluation of item \(quoted(items[missing])) of issue \(quoted(issue.name))")
        }
        let raw = evaluations.compactMap { $0 }
        let largest = raw.max() ?? 0
        // GENIUS then evaluates every item to 0: the issue contributes nothing (valid, and the
        // scenario warns: `ScenarioWarning.issueContributesNothing`).
        guard largest >= smallestMaximum else { return .table(Array(repeating: 0, count: raw.count)) }
        return .table(raw.map { ScenarioNumber.quotient($0, largest) })
    }

    /// One value per integer in `lower...upper`, from the linear evaluator, clamped to [0, 1].
    private static func integerValues(_ element: MarkupElement, issue: GeniusIssue, lower: Int, upper: Int) throws(FieldProblem) -> ValueFunction {
        try checkBounds(element, issue: issue, lower: Double(lower), upper: Double(upper))
        let evaluator = try evaluatorElement(element, issue: issue)
        if let type = evaluator.attributes["ftype"], type.lowercased() != "linear" {
            throw evaluator.problem("unsupported evaluator \(quoted(type)) of integer issue \(quoted(issue.name)); GENIUS integer issues are linear", attribute: "ftype")
        }
        let line: (Int) -> Double
        if evaluator.attributes["slope"] != nil || evaluator.attributes["offset"] != nil {
            let slope = try GeniusAttribute.number(evaluator, "slope")
            let offset = try GeniusAttribute.number(evaluator, "offset")
            line = { ScenarioNumber.affine(offset: offset, slope: slope, at: $0 - lower) }
        } else if evaluator.attributes["parameter1"] != nil || evaluator.attributes["parameter0"] != nil {
            let slope = try GeniusAttribute.number(evaluator, "parameter1")
            let offset = try GeniusAttribute.number(evaluator, "parameter0")
            line = { ScenarioNumber.affine(offset: offset, slope: slope, at: $0) }
        } else {
            throw evaluator.problem("linear evaluator of integer issue \(quoted(issue.name)) needs slope and offset", attribute: "slope")
        }
        return .table((lower...upper).map { min(1, max(0, line($0))) })
    }

    /// A piecewise-linear value function equal to the GENIUS evaluator on `lower...upper`.
    private static func realValues(_ element: MarkupElement, issue: GeniusIssue, lower: Double, upper: Double) throws(FieldProblem) -> ValueFunction {
        try checkBounds(element, issue: issue, lower: lower, upper: upper)
        let evaluator = try evaluatorElement(element, issue: issue)
        let type = evaluator.attributes["ftype"]?.lowercased() ?? "linear"
        let shape: RealEvaluator
        switch type {
        case "linear":
            shape = .linear(slope: try GeniusAttribute.number(evaluator, "parameter1"), offset: try GeniusAttribute.number(evaluator, "parameter0"))
        case "constant":
            let value = try GeniusAttribute.number(evaluator, "parameter0")
            guard value >= 0 else {
                throw evaluator.problem("evaluation must be >= 0, found \(GeniusAttribute.text(value))", attribute: "parameter0")
            }
            shape = .constant(value)
        case "triangular":
            let low = try GeniusAttribute.number(evaluator, "parameter0")
            let high = try GeniusAttribute.number(evaluator, "parameter1")
            let top = try GeniusAttribute.number(evaluator, "parameter2")
            guard low < top, top < high else {
                throw evaluator.problem(
                    "triangular evaluator needs parameter0 < parameter2 < parameter1 (lower < top < upper), found \(GeniusAttribute.text(low)), \(GeniusAttribute.text(top)), \(GeniusAttribute.text(high))",
                    attribute: "parameter2")
            }
            shape = .triangular(lower: low, top: top, upper: high)
        default:
            throw evaluator.problem("unsupported evaluator \(quoted(evaluator.attributes["ftype"] ?? type)) of real issue \(quoted(issue.name)); Accord imports linear, constant and triangular", attribute: "ftype")
        }
        return .piecewise(shape.breakpoints(lower: lower, upper: upper))
    }

    /// The profile may repeat the issue's bounds (attributes or a `<range>` child); they must be
    /// the domain's.
    private static func checkBounds(_ element: MarkupElement, issue: GeniusIssue, lower: Double, upper: Double) throws(FieldProblem) {
        let holders = [element] + element.children(named: "range")
        for holder in holders where holder.attributes["lowerbound"] != nil || holder.attributes["upperbound"] != nil {
            let low = try GeniusAttribute.number(holder, "lowerbound")
            let high = try GeniusAttribute.number(holder, "upperbound")
            guard low == lower, high == upper else {
                throw holder.problem(
                    "bounds [\(GeniusAttribute.text(low)), \(GeniusAttribute.text(high))] of issue \(quoted(issue.name)) differ from the domain's [\(GeniusAttribute.text(lower)), \(GeniusAttribute.text(upper))]",
                    attribute: low == lower ? "upperbound" : "lowerbound")
            }
        }
    }

    private static func evaluatorElement(_ element: MarkupElement, issue: GeniusIssue) throws(FieldProblem) -> MarkupElement {
        guard let evaluator = element.children(named: "evaluator").first else {
            throw element.problem("missing <evaluator> of \(issue.kind.typeName) issue \(quoted(issue.name))")
        }
        return evaluator
    }

    /// The `<reservation value>`, 0 when there is none.
    static func readReservation(_ root: MarkupElement) throws(FieldProblem) -> Double {
        guard let element = try single(root, "reservation") else { return 0 }
        return try GeniusAttribute.number(element, "value")
    }

    /// The discount factor, GENIUS style: absent, `≤ 0` or 1 mean no discount.
    static func readDiscount(_ root: MarkupElement) throws(FieldProblem) -> Double? {
        guard let element = try single(root, "discount_factor") else { return nil }
        let value = try GeniusAttribute.number(element, "value")
        guard value <= 1 else {
            throw element.problem("discount factor must be in [0, 1] (0 or 1: no discount), found \(GeniusAttribute.text(value))", attribute: "value")
        }
        guard value > 0, value < 1 else {
            guard value >= 0 else {
                throw element.problem("discount factor must be in [0, 1] (0 or 1: no discount), found \(GeniusAttribute.text(value))", attribute: "value")
            }
            return nil
        }
        return value
    }

    /// The only descendant with this tag, if any.
    private static func single(_ root: MarkupElement, _ tag: String) throws(FieldProblem) -> MarkupElement? {
        let found = (root.name == tag ? [root] : []) + root.descendants(named: tag)
        guard found.count <= 1 else { throw found[1].problem("more than one <\(tag)> element") }
        return found.first
    }
}
