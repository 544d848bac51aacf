import AccordFrontier
import AccordModel
import AccordSolutions
import Foundation

/// What `frontier` and `solve` print for a nonlinear GENIUS negotiation: the shapes of
/// DESIGN.md §2.1, the package as `{issue: integer value}`, with `stats.exact: true` (every point
/// proven by the integer programs) and the method.
extension NonlinearSolution {
    static let method = "epsilon-constraint (GLPK branch and cut)"

    /// An issue's value as written: the integer, or a discrete issue's item.
    private func value(_ issue: NonlinearNegotiation.IntegerIssue, _ value: Int) -> String { issue.items?[value] ?? String(value) }

    private func package(_ point: RectangleFrontier.Point) -> JSONValue {
        .object(zip(negotiation.issues, point.package).map { issue, value in
            (issue.id, issue.items.map { .string($0[value]) } ?? .number(Double(value)))
        })
    }

    private var stats: JSONValue {
        var members: [(String, JSONValue)] = [
            ("seconds", .number(seconds)),
            ("method", .string(Self.method)),
            ("exact", .bool(frontier.unexplored == nil)),
            ("frontier_points", .number(Double(frontier.points.count))),
            ("integer_programs", .number(Double(frontier.programs))),
        ]
        if let box = unexploredBox {
            let ids = negotiation.parties.map(\.id)
            members.append(("unexplored", .object([
                (ids[0], .object([box.firstBelow.map { ("below", JSONValue.number($0)) } ?? ("at_most", .number(1))])),
                (ids[1], .object([("at_least", .number(box.secondAtLeast))])),
            ])))
            members.append(("note", .string(unexploredText(box))))
        }
        return .object(members)
    }

    /// The region of the frontier not traced, in utilities: the first party below
    /// `firstBelow` (`nil`: any utility, no point was found) and the second at least
    /// `secondAtLeast`.
    private var unexploredBox: (firstBelow: Double?, secondAtLeast: Double)? {
        guard let unexplored = frontier.unexplored else { return nil }
        let utilities = negotiation.utilities
        return (unexplored.firstBelow.map { utilities[0].utility(ofValue: $0) }, utilities[1].utility(ofValue: unexplored.secondAtLeast))
    }

    private func unexploredText(_ box: (firstBelow: Double?, secondAtLeast: Double)) -> String {
        let ids = negotiation.parties.map(\.id)
        let first = box.firstBelow.map { "\(ids[0]) below \(formatNumber($0))" } ?? "any utility for \(ids[0])"
        return "stopped at the time limit: the frontier points not listed (if any) have \(first) and \(ids[1]) at least \(formatNumber(box.secondAtLeast)); the points listed are exact, the solutions the best among them"
    }

    private var parties: JSONValue { .array(negotiation.parties.map { .string($0.id) }) }

    /// `{"scenario", "parties", "outcome_space", "points": [{"utilities", "package"}], "stats"}`.
    public var frontierJSON: JSONValue {
        .object([
            ("scenario", .string(negotiation.name)),
            ("parties", parties),
            ("outcome_space", .object([("packages", .number(negotiation.packageCount)), ("acceptable", .null)])),
            ("points", .array(frontier.points.map { .object([("utilities", .numbers($0.utilities)), ("package", package($0))]) })),
            ("stats", stats),
        ])
    }

    /// One row per point: the party utilities, then each issue's value, under a header of ids.
    public var frontierCSV: String {
        var lines = [(negotiation.parties.map(\.id) + negotiation.issues.map(\.id)).joined(separator: ",")]
        for point in frontier.points {
            lines.append((point.utilities.map { formatNumber($0) } + zip(negotiation.issues, point.package).map(value)).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `solve` document of DESIGN.md §2.1.
    public var solveJSON: JSONValue {
        let n = negotiation.parties.count
        return .object([
            ("scenario", .string(negotiation.name)),
            ("parties", parties),
            ("disagreement", .numbers(disagreement)),
            ("outcome_space", .object([("packages", .number(negotiation.packageCount)), ("acceptable", .null)])),
            ("frontier", .object([("size", .number(Double(frontier.points.count)))])),
            ("solutions", .object(solutions.map { entry in
                guard let index = entry.point else { return (entry.concept.rawValue, .null) }
                let point = frontier.points[index]
                let gains = (0..<n).map { point.utilities[$0] - disagreement[$0] }
                return (entry.concept.rawValue, .object([
                    ("package", package(point)),
                    ("utilities", .numbers(point.utilities)),
                    ("gains", .numbers(gains)),
                    ("nash_product", .number(NashObjective.product(gains: gains, power: negotiation.parties.map(\.power)))),
                ]))
            })),
            ("stats", stats),
        ])
    }

    /// The header both texts start with.
    private var heading: [String] {
        let names = negotiation.parties.map { party in party.name.map { "\($0) (\(party.id))" } ?? party.id }
        return [
            "\(negotiation.name): nonlinear GENIUS space (hyper-rectangles), \(negotiation.issues.count) integer issues, \(formatCount(negotiation.packageCount)) packages",
            "Parties: \(names.joined(separator: ", "))",
            "Exact Pareto frontier: \(frontier.points.count) point\(frontier.points.count == 1 ? "" : "s") (\(frontier.programs) integer programs, \(Self.method), \(String(format: "%.2f", seconds)) s)",
        ]
    }

    /// A package as `issue=value` pairs.
    private func packageText(_ point: RectangleFrontier.Point) -> String {
        zip(negotiation.issues, point.package).map { "\($0.id)=\(value($0, $1))" }.joined(separator: " ")
    }

    /// The frontier for people: one line per point, utilities then package.
    public var frontierText: String {
        let ids = negotiation.parties.map(\.id)
        var lines = heading + [""]
        for (k, point) in frontier.points.enumerated() {
            let utilities = zip(ids, point.utilities).map { "\($0) \(String(format: "%.6f", $1))" }.joined(separator: "  ")
            lines.append("\(String(k + 1).leftPadded(to: 3)). \(utilities)   \(packageText(point))")
        }
        if let box = unexploredBox { lines += ["", "Not exact: " + unexploredText(box) + "."] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The solutions for people.
    public var solveText: String {
        let ids = negotiation.parties.map(\.id)
        var lines = heading + ["Disagreement: " + zip(ids, disagreement).map { "\($0) \(formatNumber($1))" }.joined(separator: ", "), ""]
        for (concept, index) in solutions {
            guard let index else {
                lines.append("\(concept.title): no package is acceptable to every party")
                continue
            }
            let point = frontier.points[index]
            let utilities = zip(ids, point.utilities).map { "\($0) \(String(format: "%.6f", $1))" }.joined(separator: ", ")
            lines.append("\(concept.title): \(utilities) (frontier point \(index + 1))")
            lines.append("  \(packageText(point))")
        }
        if let box = unexploredBox { lines += ["", "Not exact: " + unexploredText(box) + "."] }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
