import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension Frontier {
    /// An aligned table under the parties' names: one row per frontier point, party utilities
    /// then issue values.
    public var text: String {
        let scenario = space.scenario
        let header = scenario.parties.map(\.id) + scenario.issues.map(\.id)
        var rows = [header]
        for k in 0..<count {
            let package = package(at: k)
            rows.append(utilities(at: k).map(formatNumber)
                + package.indices.map { scenario.describe(.option(package[$0]), issue: $0) })
        }
        return scenario.table("\(scenario.name): \(count) Pareto-optimal acceptable packages (\(method.rawValue))", rows)
    }
}

extension Scenario {
    /// A titled table for people: the title, the parties' legend, then the rows (the first is
    /// the header) in columns padded to their widest cell.
    func table(_ title: String, _ rows: [[String]]) -> String {
        let widths = (rows.first ?? []).indices.map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        var lines = [title]
        if let legend = partyLegend() { lines.append(legend) }
        lines.append("")
        for row in rows {
            lines.append(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
