import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension Scenario {
    /// The scenario as a document tree in the format of DESIGN.md §1; render it with
    /// `rendered()` (JSON) or `yaml`. Loading either text gives back an equal scenario.
    public var jsonDocument: JSONValue {
        var members: [(String, JSONValue)] = [("accord", .number(Double(Scenario.formatVersion))), ("name", .string(name))]
        if let description { members.append(("description", .string(description))) }
        members.append(("disagreement", .string(disagreement.rawValue)))
        if normalize { members.append(("normalize", .bool(true))) }
        members.append(("parties", .array(parties.map { party in
            var fields: [(String, JSONValue)] = [("id", .string(party.id))]
            if let name = party.name { fields.append(("name", .string(name))) }
            fields.append(("reservation", .scenarioNumber(party.reservation)))
            fields.append(("power", .scenarioNumber(party.power)))
            if let discount = party.discount { fields.append(("discount", .scenarioNumber(discount))) }
            if let weight = party.weight { fields.append(("weight", .scenarioNumber(weight))) }
            return .object(fields)
        })))
        members.append(("issues", .array(issues.map { issue in
            var fields: [(String, JSONValue)] = [("id", .string(issue.id))]
            if let name = issue.name { fields.append(("name", .string(name))) }
            fields.append(("track", .string(issue.track)))
            switch issue.domain {
            case .options(let options): fields.append(("options", .array(options.map { .string($0) })))
            case .range(let lower, let upper): fields.append(("range", .array([.scenarioNumber(lower), .scenarioNumber(upper)])))
            case .divisible: fields.append(("divisible", .bool(true)))
            }
            if let statusQuo = issue.statusQuo { fields.append(("status_quo", document(statusQuo, of: issue))) }
            return .object(fields)
        })))
        members.append(("preferences", .object(zip(parties, preferences).map { party, preference in
            (party.id, document(preference))
        })))
        if decisionRule != .unanimity { members.append(("decision_rule", document(decisionRule))) }
        if !blocs.isEmpty {
            members.append(("blocs", .array(blocs.map { bloc in
                var fields: [(String, JSONValue)] = [("id", .string(bloc.id))]
                if let name = bloc.name { fields.append(("name", .string(name))) }
                fields.append(("members", .array(bloc.members.map { .string(parties[$0].id) })))
                if bloc.decisionRule != .unanimity { fields.append(("decision_rule", document(bloc.decisionRule))) }
                return .object(fields)
            })))
        }
        if !uncertainty.isEmpty {
            members.append(("uncertainty", .object(uncertainty.map { ($0.parameter.path, .object($0.distribution.members(JSONValue.scenarioNumber))) })))
        }
        return .object(members)
    }

    /// The scenario as YAML.
    public var yaml: String { jsonDocument.yaml }

    private func document(_ rule: DecisionRule) -> JSONValue {
        var fields: [(String, JSONValue)] = [("kind", .string(rule.kind.rawValue))]
        if let quota = rule.quota { fields.append(("quota", .scenarioNumber(quota))) }
        if let members = rule.members { fields.append(("members", .scenarioNumber(members))) }
        if let minimum = rule.minParties { fields.append(("min_parties", .number(Double(minimum)))) }
        return .object(fields)
    }

    private func document(_ preference: Preference) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("weights", .object(zip(issues, preference.weights).map { ($0.id, .scenarioNumber($1)) })),
            ("values", .object(zip(issues, preference.values).compactMap { issue, function in
                function.map { (issue.id, document($0, of: issue)) }
            })),
        ]
        if !preference.interactions.isEmpty {
            fields.append(("interactions", .array(preference.interactions.map {
                .object([("when", document($0.when)), ("value", .scenarioNumber($0.value))])
            })))
        }
        if !preference.redLines.isEmpty {
            fields.append(("red_lines", .array(preference.redLines.map(document))))
        }
        return .object(fields)
    }

    private func document(_ value: IssueValue, of issue: Issue) -> JSONValue {
        switch value {
        case .option(let option): return .string(issue.options?[option] ?? "")
        case .number(let x): return .scenarioNumber(x)
        case .shares(let shares): return .object(zip(parties, shares).map { ($0.id, .scenarioNumber($1)) })
        }
    }

    private func document(_ function: ValueFunction, of issue: Issue) -> JSONValue {
        switch function {
        case .table(let values): return .object(zip(issue.options ?? [], values).map { ($0, .scenarioNumber($1)) })
        case .piecewise(let points): return .array(points.map { .array([.scenarioNumber($0.x), .scenarioNumber($0.value)]) })
        }
    }

    private func document(_ choices: [OptionChoice]) -> JSONValue {
        .object(choices.map { (issues[$0.issue].id, .string(issues[$0.issue].options?[$0.option] ?? "")) })
    }

    private func document(_ redLine: RedLine) -> JSONValue {
        switch redLine {
        case .forbid(let issue, let options):
            return .object([
                ("issue", .string(issues[issue].id)),
                ("forbid", .array(options.map { .string(issues[issue].options?[$0] ?? "") })),
            ])
        case .bounds(let issue, let minimum, let maximum):
            var fields: [(String, JSONValue)] = [("issue", .string(issues[issue].id))]
            if let minimum { fields.append(("min", .scenarioNumber(minimum))) }
            if let maximum { fields.append(("max", .scenarioNumber(maximum))) }
            return .object(fields)
        case .forbidCombination(let choices):
            return .object([("forbid_combination", document(choices))])
        }
    }
}
