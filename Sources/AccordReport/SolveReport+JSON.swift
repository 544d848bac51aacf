import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

extension Agreement {
    /// `{"package" | "lottery", "utilities", "gains", "nash_product"}` (DESIGN.md §2.1).
    public func json(in scenario: Scenario) -> JSONValue {
        .object([
            outcome.jsonMember(in: scenario),
            ("utilities", .numbers(utilities)),
            ("gains", .numbers(gains)),
            ("nash_product", .number(nashProduct)),
        ])
    }
}

extension BargainingSolution {
    /// The `solve` document of DESIGN.md §2.1.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(scenario.parties.map { .string($0.id) })),
            ("disagreement", .numbers(disagreement)),
            ("outcome_space", .object([
                ("packages", packages.map { .number($0) } ?? .null),
                ("acceptable", acceptable.map { .number(Double($0)) } ?? .null),
            ])),
            ("frontier", .object([("size", isContinuous ? (curve.map { .number(Double($0.count)) } ?? .null) : .number(Double(frontierSize)))])),
            ("solutions", .object(solutions.map { ($0.concept.rawValue, $0.result.agreement?.json(in: scenario) ?? .null) })),
        ]
        if let noAgreementReason { members.append(("reason", .string(noAgreementReason.text(in: scenario)))) }
        let unresolved = solutions.compactMap { entry -> (String, JSONValue)? in
            if case .noAgreement(let reason) = entry.result { return (entry.concept.rawValue, .string(reason.text(in: scenario))) }
            return nil
        }
        if !unresolved.isEmpty { members.append(("reasons", .object(unresolved))) }
        var stats: [(String, JSONValue)] = [
            ("seconds", .number(info.seconds)),
            ("method", .string(isContinuous ? "interior-point" : info.method.rawValue)),
            ("frontier_points", .number(Double(frontierSize))),
            ("peak_memory_mb", .number((Double(info.peakMemory) / 1_048_576 * 10).rounded() / 10)),
        ]
        if let gap = info.gap, let iterations = info.iterations {
            stats += [("duality_gap", .number(gap)), ("iterations", .number(Double(iterations)))]
        }
        if status == .iterationLimit { stats.append(("status", .string("iteration_limit"))) }
        members.append(("stats", .object(stats)))
        return .object(members)
    }
}

extension Frontier {
    /// Streams `{"scenario", "parties", "points": [{"utilities", "package"}]}`, the points sorted by
    /// the first party's utility, descending (DESIGN.md §2.1), one point at a time.
    public func writeJSON<Target: TextOutputStream>(to output: inout Target) {
        let scenario = space.scenario
        output.write("{\n  \"scenario\": ")
        JSONValue.writeString(scenario.name, to: &output)
        output.write(",\n  \"parties\": ")
        JSONValue.array(scenario.parties.map { .string($0.id) }).write(to: &output, indent: 1)
        output.write(",\n  \"points\": [")
        for k in 0..<count {
            output.write(k == 0 ? "\n    " : ",\n    ")
            let point = JSONValue.object([
                ("utilities", .numbers(utilities(at: k))),
                ("package", scenario.json(package: package(at: k).map { .option($0) })),
            ])
            point.write(to: &output, indent: 2)
        }
        output.write(count == 0 ? "]\n}\n" : "\n  ]\n}\n")
    }

    /// Streams one CSV row per point: party utilities, then one column per issue; header of party
    /// and issue ids.
    public func writeCSV<Target: TextOutputStream>(to output: inout Target) {
        let scenario = space.scenario
        output.write((scenario.parties.map(\.id) + scenario.issues.map(\.id)).map(csvField).joined(separator: ",") + "\n")
        for k in 0..<count {
            let package = package(at: k)
            let cells = utilities(at: k).map(numberText)
                + package.indices.map { csvField(scenario.describe(.option(package[$0]), issue: $0)) }
            output.write(cells.joined(separator: ",") + "\n")
        }
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

