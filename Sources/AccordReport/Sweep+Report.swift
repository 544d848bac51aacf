import AccordModel
import AccordSensitivity
import AccordSolutions
import Foundation

/// What `sensitivity --vary` prints (DESIGN.md §2.4/§2.5).
extension Sweep {
    private func package(_ options: [Int]?) -> JSONValue {
        guard let options else { return .null }
        return scenario.json(package: options.map { IssueValue.option($0) })
    }

    /// `{"parameter", "from", "to", "steps": [{"value", "solutions": {...}}], "breakpoints",
    /// "crossovers": [{"value", "solution", "from_package", "to_package"}], "stats"}`; a package
    /// `null` is no agreement; `crossovers` is `null` (with `crossovers_note`) where they are not
    /// computed.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(scenario.parties.map { .string($0.id) })),
            ("parameter", .string(parameter.path)),
            ("from", .number(from)),
            ("to", .number(to)),
            ("steps", .array(steps.map { step in
                .object([
                    ("value", .number(step.value)),
                    ("disagreement", .numbers(step.solution.disagreement)),
                    ("solutions", .object(step.solution.solutions.map { ($0.concept.rawValue, $0.result.agreement?.json(in: scenario) ?? .null) })),
                ])
            })),
            ("breakpoints", .numbers(breakpoints)),
            ("crossovers", crossovers.map { list in
                .array(list.map { crossover in
                    .object([
                        ("value", .number(crossover.value)),
                        ("solution", .string(crossover.concept.rawValue)),
                        ("from_package", package(crossover.from)),
                        ("to_package", package(crossover.to)),
                    ])
                })
            } ?? .null),
        ]
        if let crossoverNote { members.append(("crossovers_note", .string(crossoverNote))) }
        members.append(("stats", .object([("seconds", .number(seconds)), ("steps", .number(Double(steps.count)))])))
        return .object(members)
    }

    /// The issues where two packages differ, as `issue: a → b`.
    func change(_ from: [Int]?, _ to: [Int]?) -> String {
        guard let from, let to else {
            return from == nil ? "no agreement → \(describe(to))" : "\(describe(from)) → no agreement"
        }
        let parts = scenario.issues.indices.filter { from[$0] != to[$0] }.map { j in
            "\(scenario.issues[j].id): \(scenario.issues[j].options?[from[j]] ?? "?") → \(scenario.issues[j].options?[to[j]] ?? "?")"
        }
        return parts.joined(separator: ", ")
    }

    private func describe(_ options: [Int]?) -> String {
        guard let options else { return "no agreement" }
        return scenario.issues.indices.map { "\(scenario.issues[$0].id)=\(scenario.issues[$0].options?[options[$0]] ?? "?")" }.joined(separator: " ")
    }

    /// The sweep for people: each step's solutions (utilities per party), then the crossovers.
    public var text: String {
        let ids = scenario.parties.map(\.id)
        var lines = ["\(scenario.name): \(parameter.path) from \(formatNumber(from)) to \(formatNumber(to)) in \(steps.count) steps", ""]
        let concepts = steps.first?.solution.solutions.map(\.concept) ?? []
        lines.append(([parameter.path] + concepts.map(\.title)).joined(separator: " | "))
        for step in steps {
            let cells = step.solution.solutions.map { entry -> String in
                guard let agreement = entry.result.agreement else { return "no agreement" }
                return zip(ids, agreement.utilities).map { "\($0) \(formatNumber($1))" }.joined(separator: ", ")
            }
            lines.append(([formatNumber(step.value)] + cells).joined(separator: " | "))
        }
        lines.append("")
        if let crossovers {
            if crossovers.isEmpty {
                lines.append("Crossovers: none — every solution keeps its package from \(formatNumber(from)) to \(formatNumber(to)).")
            } else {
                lines.append("Crossovers (exact: where a solution's package changes):")
                for crossover in crossovers {
                    lines.append("  \(parameter.path) = \(formatNumber(crossover.value)): \(crossover.concept.title) — \(change(crossover.from, crossover.to))")
                }
            }
        } else if let crossoverNote {
            lines.append("Crossovers: not computed — \(crossoverNote).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per step and solution: value, solution, each party's utility, each issue's option.
    public var csv: String {
        var lines = [(["value", "solution"] + scenario.parties.map(\.id) + scenario.issues.map(\.id)).joined(separator: ",")]
        for step in steps {
            for entry in step.solution.solutions {
                var row = [formatNumber(step.value), entry.concept.rawValue]
                if let agreement = entry.result.agreement, case .package(let package) = agreement.outcome {
                    row += agreement.utilities.map(formatNumber)
                    row += package.map { value in value.option.map { String($0) } ?? "" }.enumerated().map { j, text in
                        Int(text).flatMap { scenario.issues[j].options?[$0] }.map(csvField) ?? text
                    }
                } else {
                    row += Array(repeating: "", count: scenario.parties.count + scenario.issues.count)
                }
                lines.append(row.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
