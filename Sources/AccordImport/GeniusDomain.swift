import AccordModel
import Foundation

/// The outcome space of a GENIUS/ANAC domain file: its issues and their values.
///
/// The file looks like
/// ```xml
/// <negotiation_template>
///   <utility_space number_of_issues="2">
///     <objective index="0" name="Office party" type="objective" etype="objective">
///       <issue index="1" name="Food" type="discrete" etype="discrete" vtype="discrete">
///         <item index="1" value="Pizza"/> ...
///       </issue>
///       <issue index="2" name="Guests" type="integer" lowerbound="10" upperbound="40"/>
///       <issue index="3" name="Budget" type="real"><range lowerbound="100" upperbound="500"/></issue>
///     </objective>
///   </utility_space>
/// </negotiation_template>
/// ```
/// As in GENIUS (`genius.core.DomainImpl`), an issue without `type` is discrete; an integer
/// issue's bounds are attributes of the issue (older files: a `<range>` child); a real issue's
/// bounds are a `<range>` child. Issues nested in sub-objectives are flattened in document order.
struct GeniusDomain {
    /// The domain's name: the root objective's `name`, if any.
    var name: String?
    package var issues: [GeniusIssue]

    /// A problem that `ScenarioValidation` found in the imported issues (`issues[k]...`), located
    /// in the domain file: `issues[k].options[m]` at the `value` of the issue's `m`-th `<item>`,
    /// `issues[k].range` at the `upperbound` of its bounds, anything else at the `<issue>`.
    func located(_ problem: FieldProblem) -> FieldProblem {
        var rest = Substring(problem.path)
        guard rest.hasPrefix("issues["), let close = rest.firstIndex(of: "]"),
              let k = Int(rest[rest.index(rest.startIndex, offsetBy: 7)..<close]), issues.indices.contains(k) else {
            return FieldProblem(path: "", line: nil, message: problem.message)
        }
        let element = issues[k].element
        rest = rest[rest.index(after: close)...]
        if rest.hasPrefix(".options["), let end = rest.firstIndex(of: "]"),
           let m = Int(rest[rest.index(rest.startIndex, offsetBy: 9)..<end]), element.children(named: "item").indices.contains(m) {
            return element.children(named: "item")[m].problem(problem.message, attribute: "value")
        }
        if rest == ".range" {
            return (element.children(named: "range").first ?? element).problem(problem.message, attribute: "upperbound")
        }
        return element.problem(problem.message)
    }

    /// The issue with this `index` attribute.
    func issue(index: Int) -> GeniusIssue? { issues.first { $0.index == index } }
}

/// One issue of a GENIUS domain.
struct GeniusIssue {
    enum Kind {
        /// The item values, in document order.
        case discrete([String])
        /// Every integer in `lower...upper`.
        case integer(lower: Int, upper: Int)
        /// Any number in `lower...upper`, `lower < upper`.
        case real(lower: Double, upper: Double)

        /// The GENIUS type name: "discrete", "integer" or "real".
        var typeName: String {
            switch self {
            case .discrete: return "discrete"
            case .integer: return "integer"
            case .real: return "real"
            }
        }
    }

    /// The `index` attribute that profiles refer to.
    var index: Int
    var name: String
    var kind: Kind
    /// The `<issue>` element of the domain file (for messages).
    var element: MarkupElement
}

extension GeniusDomain {
    /// Reads a domain document. Every problem found is reported to `log`; the result is `nil`
    /// when there was any.
    ///
    /// Integer issues become one option per value: their values in total may be at most
    /// `limits.maximumIntegerValues`, checked from the bounds before any option is made.
    static func read(_ root: MarkupElement, limits: GeniusImport.Limits, log: ProblemLog) -> GeniusDomain? {
        guard let objective = log.attempt({ try rootObjective(of: root, kind: "domain") }) else { return nil }
        let elements = objective.descendants(named: "issue")
        guard !elements.isEmpty else {
            log.report(objective.problem("the domain has no <issue> elements"))
            return nil
        }
        var seen: [Int: String] = [:]
        var issues: [GeniusIssue] = []
        for element in elements {
            guard let issue = log.attempt({ try readIssue(element, limits: limits) }) else { continue }
            if let first = seen[issue.index] {
                log.report(element.problem("duplicate issue index \(issue.index) (also \(first))", attribute: "index"))
                continue
            }
            seen[issue.index] = element.path
            issues.append(issue)
        }
        guard log.isEmpty else { return nil }
        checkIntegerTotal(issues, objective: objective, limits: limits, log: log)
        guard log.isEmpty else { return nil }
        return GeniusDomain(name: objective.attributes["name"].flatMap { $0.isEmpty ? nil : $0 }, issues: issues)
    }

    /// The root `<objective>` under `<utility_space>`, which may itself be the root element or a
    /// child of `<negotiation_template>`.
    static func rootObjective(of root: MarkupElement, kind: String) throws(FieldProblem) -> MarkupElement {
        let space: MarkupElement
        if root.name == "utility_space" {
            space = root
        } else if let inner = root.children(named: "utility_space").first {
            space = inner
        } else {
            throw root.problem("expected a GENIUS \(kind) file with a <utility_space> element, found <\(root.name)>")
        }
        let objectives = space.children(named: "objective")
        guard objectives.count == 1, let objective = objectives.first else {
            throw space.problem("expected one root <objective> element, found \(objectives.count)")
        }
        return objective
    }

    /// Reports when the integer issues' values, `Σ (upper − lower + 1)`, exceed the limit: the
    /// options they become (and each profile's value per option) would not fit it. Each issue is
    /// within the limit already, so the sum of at most `issues.count` of them does not overflow.
    private static func checkIntegerTotal(_ issues: [GeniusIssue], objective: MarkupElement, limits: GeniusImport.Limits, log: ProblemLog) {
        let sizes = issues.compactMap { issue -> (name: String, count: Int)? in
            guard case .integer(let lower, let upper) = issue.kind else { return nil }
            return (issue.name, upper - lower + 1)
        }
        let total = sizes.reduce(0) { $0 + $1.count }
        guard total > limits.maximumIntegerValues else { return }
        let listed = excerptList(sizes.map { "\(quoted($0.name)) \(formatCount(Double($0.count)))" })
        log.report(objective.problem(limits.integerValuesProblem(
            "the \(sizes.count) integer issues have \(formatCount(Double(total))) values in total (\(listed)); Accord imports at most \(formatCount(Double(limits.maximumIntegerValues))) integer values in total (one option per value, for every party): narrow the issues' bounds, or make them discrete issues with fewer items")))
    }

    private static func readIssue(_ element: MarkupElement, limits: GeniusImport.Limits) throws(FieldProblem) -> GeniusIssue {
        let index = try GeniusAttribute.integer(element, "index")
        guard let name = element.attributes["name"], !name.isEmpty else {
            throw element.problem("missing issue name", attribute: "name")
        }
        let type = element.attributes["type"]?.lowercased() ?? "discrete"
        let kind: GeniusIssue.Kind
        switch type {
        case "discrete": kind = try discreteItems(element, name: name)
        case "integer": kind = try integerBounds(element, name: name, limits: limits)
        case "real": kind = try realBounds(element)
        default:
            throw element.problem(
                "unknown issue type \(quoted(element.attributes["type"] ?? type)) of issue \(quoted(name)); Accord imports discrete, integer and real issues",
                attribute: "type")
        }
        return GeniusIssue(index: index, name: name, kind: kind, element: element)
    }

    private static func discreteItems(_ element: MarkupElement, name: String) throws(FieldProblem) -> GeniusIssue.Kind {
        let items = element.children(named: "item")
        guard !items.isEmpty else { throw element.problem("discrete issue \(quoted(name)) has no <item> elements") }
        var values: [String] = []
        for item in items {
            guard let value = item.attributes["value"], !value.isEmpty else {
                throw item.problem("missing item value", attribute: "value")
            }
            values.append(value)  // duplicates: `ScenarioValidation`, located by `located(_:)`
        }
        return .discrete(values)
    }

    private static func integerBounds(_ element: MarkupElement, name: String, limits: GeniusImport.Limits) throws(FieldProblem) -> GeniusIssue.Kind {
        // genius.core reads the bounds from the issue; older GENIUS versions from a <range> child.
        let holder = element.attributes["lowerbound"] == nil ? (element.children(named: "range").first ?? element) : element
        let lower = try GeniusAttribute.integer(holder, "lowerbound")
        let upper = try GeniusAttribute.integer(holder, "upperbound")
        guard lower <= upper else {
            throw holder.problem("lower bound \(lower) is above upper bound \(upper) of integer issue \(quoted(name))", attribute: "upperbound")
        }
        let count = Double(upper) - Double(lower) + 1  // in Double: Int subtraction could overflow
        guard count <= Double(limits.maximumIntegerValues) else {
            throw holder.problem(
                limits.integerValuesProblem(
                    "integer issue \(quoted(name)) has \(GeniusAttribute.text(count)) values; Accord imports at most \(limits.maximumIntegerValues) (one option per value)"),
                attribute: "upperbound")
        }
        return .integer(lower: lower, upper: upper)
    }

    private static func realBounds(_ element: MarkupElement) throws(FieldProblem) -> GeniusIssue.Kind {
        let holder = element.children(named: "range").first ?? element
        // `lower < upper`: `ScenarioValidation`, located by `located(_:)`.
        let lower = try GeniusAttribute.number(holder, "lowerbound")
        let upper = try GeniusAttribute.number(holder, "upperbound")
        return .real(lower: lower, upper: upper)
    }
}

extension GeniusDomain {
    /// The position of the issue with GENIUS index `index`, which `element`'s `index` attribute
    /// names; a problem there, listing the domain's issues, when there is none.
    func position(ofIssue index: Int, namedBy element: MarkupElement) throws(FieldProblem) -> Int {
        guard let position = issues.firstIndex(where: { $0.index == index }) else {
            let known = excerptList(issues.map { "\($0.index) \(quoted($0.name))" })
            throw element.problem("no issue with index \(index) in the domain (domain issues: \(known))", attribute: "index")
        }
        return position
    }
}

/// Typed reading of attributes; failures name the attribute path.
enum GeniusAttribute {
    /// A required attribute holding an integer (`3`; `3.0` is accepted too).
    static func integer(_ element: MarkupElement, _ attribute: String) throws(FieldProblem) -> Int {
        guard let text = element.attributes[attribute]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw element.problem("missing \(attribute)", attribute: attribute)
        }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        throw element.problem("expected an integer, found \(quoted(text))", attribute: attribute)
    }

    /// A required attribute holding a finite number.
    static func number(_ element: MarkupElement, _ attribute: String) throws(FieldProblem) -> Double {
        guard let text = element.attributes[attribute] else {
            throw element.problem("missing \(attribute)", attribute: attribute)
        }
        return try number(text, element, attribute)
    }

    /// `text` as a finite number; `element` and `attribute` locate a failure.
    static func number(_ text: String, _ element: MarkupElement, _ attribute: String) throws(FieldProblem) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed) else {
            throw element.problem("expected a number, found \(quoted(text))", attribute: attribute)
        }
        guard value.isFinite else { throw element.problem("expected a finite number, found \(quoted(text))", attribute: attribute) }
        return value
    }

    /// A number as scenario files write it.
    static func text(_ value: Double) -> String { numberText(value) }
}
