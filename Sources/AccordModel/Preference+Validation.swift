/// The checks of one party's preferences (part of `ScenarioValidation`).
extension ScenarioValidation {
    /// One weight (finite, `≥ 0`) and one value function per issue, of the issue's kind (a table
    /// with one finite value per option; or at least two finite points with increasing `x`
    /// covering the range, `[0, 1]` for a divisible issue), present where the weight is positive;
    /// interactions on distinct discrete issues; red lines that name existing issues and
    /// options and leave the party something; every weight, table value and interaction at most
    /// `magnitudeLimit` (2^53) in magnitude, and so is `Σ_j max |w_j v_j| + Σ |interaction|`.
    package static func preference(_ preference: Preference, of party: Party, issues: [Issue]) -> [FieldProblem] {
        let path = "preferences.\(excerpt(party.id))"
        var problems: [FieldProblem] = []
        if preference.weights.count != issues.count {
            problems.append(problem(path + ".weights", "expected \(issues.count) weights (one per issue), found \(preference.weights.count)"))
        }
        if preference.values.count != issues.count {
            problems.append(problem(path + ".values", "expected \(issues.count) value functions (one per issue, nil where the weight is 0), found \(preference.values.count)"))
        }
        guard problems.isEmpty else { return problems }
        // By index: an issue is read in place only where a message names it (copying 10^5 issues costs).
        for (index, weight) in preference.weights.enumerated() where !(weight >= 0) || !weight.isFinite {
            problems.append(problem("\(path).weights.\(excerpt(issues[index].id))", "weight must be >= 0, found \(formatted(weight))"))
        }
        for (index, weight) in preference.weights.enumerated() where weight.isFinite && weight > magnitudeLimit {
            problems.append(problem("\(path).weights.\(excerpt(issues[index].id))", "weight \(formatted(weight)) \(beyondLimit)"))
        }
        for index in issues.indices {
            guard let function = preference.values[index] else {
                if preference.weights[index] > 0 {
                    problems.append(problem(path + ".values", "missing values for issue \(quoted(issues[index].id)) (its weight is \(formatted(preference.weights[index])))"))
                }
                continue
            }
            valueFunction(function, of: issues, index, at: "\(path).values.\(excerpt(issues[index].id))", into: &problems)
        }
        for (index, interaction) in preference.interactions.enumerated() {
            let at = "\(path).interactions[\(index)]"
            problems += choices(interaction.when, issues: issues, at: at + ".when")
            if !interaction.value.isFinite {
                problems.append(problem(at + ".value", "must be a finite number, found \(formatted(interaction.value))"))
            } else if abs(interaction.value) > magnitudeLimit {
                problems.append(problem(at + ".value", "value \(formatted(interaction.value)) \(beyondLimit)"))
            }
        }
        var feasibility = RedLineFeasibility(issues: issues)
        for (index, redLine) in preference.redLines.enumerated() {
            let at = "\(path).red_lines[\(index)]"
            let found = self.redLine(redLine, issues: issues, at: at)
            problems += found
            if found.isEmpty, let reason = feasibility.add(redLine) { problems.append(problem(at, reason)) }
        }
        guard problems.isEmpty else { return problems }
        // `Σ_j max |w_j · v_j| + Σ |interaction|` bounds |u|; the solvers' integers must hold it (`magnitudeLimit`).
        let bound = zip(preference.weights, preference.values).reduce(0.0) { sum, term in
            sum + (term.1?.largestMagnitude(scaledBy: term.0) ?? 0)
        } + preference.interactions.reduce(0.0) { $0 + abs($1.value) }
        if !bound.isFinite {
            problems.append(problem(path, "weights × values overflow: utilities would reach infinity; rescale them"))
        } else if bound > magnitudeLimit {
            problems.append(problem(
                path, "weights × values overflow: utilities reach up to \(formatted(bound)) (sum over issues of the largest |weight × value|, plus every |interaction|), which \(beyondLimit)"))
        }
        return problems
    }

    /// Adds the problems of `function`, the value function of `issues[index]`, to `problems`. It
    /// runs once per issue of every party: the issue is read in place, and `path` written out,
    /// only for a problem.
    private static func valueFunction(
        _ function: ValueFunction, of issues: [Issue], _ index: Int, at path: @autoclosure () -> String, into problems: inout [FieldProblem]
    ) {
        let found: [FieldProblem]
        // On the function first, the issue's domain read in place: a tuple of both would copy
        // (retain) an option list and a point list per issue of every party.
        switch function {
        case .table(let values):
            guard case .options(let options) = issues[index].domain else {
                found = [problem(path(), "issue \(quoted(issues[index].id)) is \(issues[index].domain.kindName): give points [[x, value], ...], not a table")]
                break
            }
            guard values.count == options.count else {
                problems.append(problem(path(), "expected \(options.count) values (one per option of issue \(quoted(issues[index].id))), found \(values.count)"))
                return
            }
            found = zip(options, values).compactMap { option, value in
                if !value.isFinite { return problem("\(path()).\(excerpt(option))", "must be a finite number, found \(formatted(value))") }
                return abs(value) > magnitudeLimit ? problem("\(path()).\(excerpt(option))", "value \(formatted(value)) \(beyondLimit)") : nil
            }
        case .piecewise(let points):
            switch issues[index].domain {
            case .range(let lower, let upper):
                found = breakpoints(points, lower: lower, upper: upper, at: path())
            case .divisible:
                found = breakpoints(points, lower: 0, upper: 1, at: path())
            case .options:
                found = [problem(path(), "issue \(quoted(issues[index].id)) is discrete: give a value per option, not points")]
            }
        }
        if !found.isEmpty { problems += found }
    }

    /// At least two finite points with strictly increasing `x` that cover `lower...upper`.
    private static func breakpoints(
        _ points: [ValueFunction.Breakpoint], lower: Double, upper: Double, at path: @autoclosure () -> String
    ) -> [FieldProblem] {
        guard points.count >= 2 else {
            return [problem(path(), "expected at least two points [[x, value], ...] covering [\(formatted(lower)), \(formatted(upper))]")]
        }
        for (index, point) in points.enumerated() {
            guard point.x.isFinite, point.value.isFinite else {
                return [problem("\(path())[\(index)]", "must be finite numbers, found [\(formatted(point.x)), \(formatted(point.value))]")]
            }
            if index > 0, point.x <= points[index - 1].x {
                return [problem(
                    "\(path())[\(index)]",
                    "points out of order: x = \(formatted(point.x)) after x = \(formatted(points[index - 1].x)) (x must increase strictly)")]
            }
        }
        if let first = points.first, let last = points.last, first.x > lower || last.x < upper {
            return [problem(path(), "points cover [\(formatted(first.x)), \(formatted(last.x))] but must cover the whole range [\(formatted(lower)), \(formatted(upper))]")]
        }
        return []
    }

    /// Conditions "issue takes option": at least one, on distinct discrete issues, in range.
    private static func choices(_ choices: [OptionChoice], issues: [Issue], at path: String) -> [FieldProblem] {
        guard !choices.isEmpty else { return [problem(path, "expected at least one 'issue: option' pair")] }
        var seen = Set<Int>()
        for choice in choices {
            guard issues.indices.contains(choice.issue) else {
                return [problem(path, "issue index \(choice.issue) is out of range: the scenario has \(issues.count) issues")]
            }
            let issue = issues[choice.issue]
            guard let options = issue.options else {
                return [problem("\(path).\(excerpt(issue.id))", "issue \(quoted(issue.id)) has no options (it is \(issue.domain.kindName))")]
            }
            guard options.indices.contains(choice.option) else {
                return [problem("\(path).\(excerpt(issue.id))", "option index \(choice.option) is out of range: issue \(quoted(issue.id)) has \(options.count) options")]
            }
            guard seen.insert(choice.issue).inserted else {
                return [problem("\(path).\(excerpt(issue.id))", "issue \(quoted(issue.id)) appears twice in one condition")]
            }
        }
        return []
    }

    private static func redLine(_ redLine: RedLine, issues: [Issue], at path: String) -> [FieldProblem] {
        switch redLine {
        case .forbidCombination(let choices):
            return self.choices(choices, issues: issues, at: path + ".forbid_combination")
        case .forbid(let index, let options):
            guard issues.indices.contains(index) else {
                return [problem(path + ".issue", "issue index \(index) is out of range: the scenario has \(issues.count) issues")]
            }
            guard let names = issues[index].options else {
                return [problem(path, "forbid applies to discrete issues; use min/max for issue \(quoted(issues[index].id))")]
            }
            guard !options.isEmpty else { return [problem(path + ".forbid", "forbid needs at least one option")] }
            for (position, option) in options.enumerated() where !names.indices.contains(option) {
                return [problem(
                    "\(path).forbid[\(position)]",
                    "option index \(option) is out of range: issue \(quoted(issues[index].id)) has \(names.count) options")]
            }
            return []
        case .bounds(let index, let minimum, let maximum):
            guard issues.indices.contains(index) else {
                return [problem(path + ".issue", "issue index \(index) is out of range: the scenario has \(issues.count) issues")]
            }
            guard minimum != nil || maximum != nil else {
                return [problem(path, "a red line on issue \(quoted(issues[index].id)) needs forbid, min or max")]
            }
            if issues[index].options != nil {
                return [problem(path, "min/max apply to range and divisible issues; use forbid: [options] for issue \(quoted(issues[index].id))")]
            }
            for (key, bound) in [("min", minimum), ("max", maximum)] {
                if let bound, !bound.isFinite { return [problem("\(path).\(key)", "must be a finite number, found \(formatted(bound))")] }
            }
            if let minimum, let maximum, minimum > maximum {
                return [problem(path, "min \(formatted(minimum)) is above max \(formatted(maximum))")]
            }
            return []
        }
    }

}

/// What one party's red lines leave of each issue; a red line that leaves nothing is impossible
/// to meet (no package would ever be acceptable to that party). Red lines given must name
/// existing issues and options.
private struct RedLineFeasibility {
    let issues: [Issue]
    /// Forbidden options of each discrete issue.
    private var forbidden: [Int: Set<Int>] = [:]
    /// The interval of each range or divisible issue (the party's own share) still allowed.
    private var allowed: [Int: (lower: Double, upper: Double)] = [:]

    init(issues: [Issue]) { self.issues = issues }

    /// Records `redLine`; returns why it is impossible to meet, or `nil`.
    mutating func add(_ redLine: RedLine) -> String? {
        switch redLine {
        case .forbid(let issue, let options):
            return forbid(options, of: issue)
        case .forbidCombination(let choices) where choices.count == 1:
            return forbid([choices[0].option], of: choices[0].issue)
        case .forbidCombination:
            return nil
        case .bounds(let issue, let minimum, let maximum):
            let range: (lower: Double, upper: Double)
            switch issues[issue].domain {
            case .range(let lower, let upper): range = (lower, upper)
            default: range = (0, 1)
            }
            let name = issues[issue].id
            let what = issues[issue].domain == .divisible
                ? "the shares [0, 1] of divisible issue \(quoted(name))"
                : "the range [\(formatted(range.lower)), \(formatted(range.upper))] of issue \(quoted(name))"
            if let minimum, minimum > range.upper {
                return "min \(formatted(minimum)) lies above \(what): no value meets this red line"
            }
            if let maximum, maximum < range.lower {
                return "max \(formatted(maximum)) lies below \(what): no value meets this red line"
            }
            var current = allowed[issue] ?? range
            current.lower = max(current.lower, minimum ?? current.lower)
            current.upper = min(current.upper, maximum ?? current.upper)
            allowed[issue] = current
            guard current.lower <= current.upper else {
                let bounds = "min \(formatted(current.lower)) > max \(formatted(current.upper))"
                return "with the other red lines on issue \(quoted(name)), no value is left (\(bounds))"
            }
            return nil
        }
    }

    private mutating func forbid(_ options: [Int], of issue: Int) -> String? {
        guard case .options(let names) = issues[issue].domain else { return nil }
        forbidden[issue, default: []].formUnion(options)
        guard forbidden[issue]?.count == names.count else { return nil }
        let options = excerptList(names)
        return "red lines forbid every option of issue \(quoted(issues[issue].id)) (\(options)); no package can be acceptable"
    }
}

extension ValueFunction {
    /// `max |weight · v|` over the values `v` at the table entries or breakpoints, among which
    /// the function's extremes are; 0 when there is none.
    func largestMagnitude(scaledBy weight: Double) -> Double {
        switch self {
        case .table(let values): return values.reduce(0) { max($0, abs(weight * $1)) }
        case .piecewise(let points): return points.reduce(0) { max($0, abs(weight * $1.value)) }
        }
    }
}
