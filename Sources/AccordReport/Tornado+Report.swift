import AccordModel
import AccordSensitivity
import AccordSolutions
import Foundation

/// What `sensitivity --tornado` prints (DESIGN.md §2.5).
extension Tornado {
    /// `{"scenario", "parties", "fraction", "disagreement", "nash", "tornado": [{"parameter",
    /// "value", "low", "high", "nash_low", "nash_high", "utility_ranges", "crossovers",
    /// "package_changes", "swing"}], "unmoved", "stats"}`: entries sorted by swing, largest
    /// first; a solution `null` is no agreement; `utility_ranges` holds `[lowest, highest]` per
    /// party; `crossovers` is `null` where the interval was sampled (`note` says why).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(scenario.parties.map { .string($0.id) })),
            ("fraction", .number(fraction)),
            ("disagreement", .numbers(base.disagreement)),
            ("nash", base.solutions[0].result.agreement?.json(in: scenario) ?? .null),
            ("tornado", .array(entries.map { entry in
                .object([
                    ("parameter", .string(entry.parameter.path)),
                    ("value", .number(entry.value)),
                    ("low", .number(entry.low)),
                    ("high", .number(entry.high)),
                    ("nash_low", entry.nashLow.agreement?.json(in: scenario) ?? .null),
                    ("nash_high", entry.nashHigh.agreement?.json(in: scenario) ?? .null),
                    ("utility_ranges", .array(entry.ranges.map { .numbers([$0.lowerBound, $0.upperBound]) })),
                    ("crossovers", entry.crossovers.map(JSONValue.numbers) ?? .null),
                    ("package_changes", .bool(entry.packageChanges)),
                    ("swing", .number(entry.swing)),
                ])
            })),
            ("unmoved", .array(unmoved.map { .string($0) })),
        ]
        if let note { members.append(("note", .string(note))) }
        members.append(("stats", .object([("seconds", .number(seconds)), ("numbers", .number(Double(entries.count)))])))
        return .object(members)
    }

    /// The parties whose ranges text shows one column each; with more, one column names the
    /// party with the widest range.
    private static let partyColumns = 4

    /// The tornado for people: a table, largest swing first, each party's range of Nash
    /// utility and how the Nash package changes.
    public var text: String {
        let percent = formatNumber(fraction * 100)
        var lines = ["\(scenario.name): tornado — each number moved ±\(percent)% alone; the Nash solution over each interval"]
        if let legend = scenario.partyLegend() { lines.append(legend) }
        if let agreement = base.solutions[0].result.agreement {
            lines.append("Nash at the numbers as given: \(scenario.partyValues(agreement.utilities))")
        } else {
            lines.append("Nash at the numbers as given: no agreement")
        }
        lines.append("")
        let perParty = scenario.parties.count <= Self.partyColumns
        var rows = [["number", "given", "low → high"] + (perParty ? scenario.parties.map { "\($0.id) Nash utility" } : ["widest range"]) + ["swing", "Nash package"]]
        for entry in entries {
            var row = [entry.parameter.path, formatNumber(entry.value), "\(formatNumber(entry.low)) → \(formatNumber(entry.high))"]
            if perParty {
                row += entry.ranges.map(Self.range)
            } else if let widest = entry.ranges.indices.max(by: { Self.width(entry.ranges[$0]) < Self.width(entry.ranges[$1]) }) {
                row.append("\(scenario.parties[widest].id) \(Self.range(entry.ranges[widest]))")
            }
            row += [formatNumber(entry.swing), change(entry)]
            rows.append(row)
        }
        lines += BargainText.alignedRows(rows)
        lines.append("")
        if !unmoved.isEmpty {
            lines.append("Not moved (0 stays 0 at ±\(percent)%): \(unmoved.count) number\(unmoved.count == 1 ? "" : "s"), e.g. \(unmoved.prefix(3).joined(separator: ", "))")
        }
        if let note { lines.append("Note: \(note).") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per number: its path, values, each party's range, swing and whether the package changes.
    public var csv: String {
        let ids = scenario.parties.map(\.id)
        var lines = [(["parameter", "value", "low", "high"] + ids.flatMap { ["\($0)_min", "\($0)_max"] } + ["swing", "package_changes"]).joined(separator: ",")]
        for entry in entries {
            let cells = [csvField(entry.parameter.path), formatNumber(entry.value), formatNumber(entry.low), formatNumber(entry.high)]
                + entry.ranges.flatMap { [formatNumber($0.lowerBound), formatNumber($0.upperBound)] }
                + [formatNumber(entry.swing), entry.packageChanges ? "true" : "false"]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func width(_ range: ClosedRange<Double>) -> Double { range.upperBound - range.lowerBound }

    private static func range(_ range: ClosedRange<Double>) -> String {
        let low = formatNumber(range.lowerBound), high = formatNumber(range.upperBound)
        return low == high ? low : "\(low)–\(high)"
    }

    /// How the Nash package changes over an entry's interval: `same`, or the issues whose terms
    /// differ between the two ends and where it changes.
    private func change(_ entry: Entry) -> String {
        guard entry.packageChanges else { return "same" }
        let at = entry.crossovers.map { values in " at " + values.map(formatNumber).joined(separator: ", ") } ?? ""
        switch (entry.nashLow.agreement?.package, entry.nashHigh.agreement?.package) {
        case (let low?, let high?):
            let issues = scenario.issues.indices.filter { !Tornado.sameValue(low[$0], high[$0], of: scenario.issues[$0]) }
            let terms = issues.prefix(3).map { "\(scenario.issues[$0].id) \(scenario.describe(low[$0], issue: $0)) → \(scenario.describe(high[$0], issue: $0))" }
            let more = issues.count > 3 ? " and \(issues.count - 3) more" : ""
            return issues.isEmpty ? "changes\(at), the same at both ends" : "changes\(at): " + terms.joined(separator: ", ") + more
        case (nil, nil): return "no agreement at both ends\(at)"
        case (nil, _): return "changes\(at): no agreement → agreement"
        case (_, nil): return "changes\(at): agreement → no agreement"
        }
    }
}
