import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace

// `solve --explain`: each solution's utilities broken down by issue and interactions.

extension BargainingSolution {
    /// The contributions of an agreement: of its package, or the expected ones of its lottery
    /// (exact for discrete packages; in floating point with continuous issues).
    public func contributions(of agreement: Agreement) -> Contributions? {
        if isContinuous { return scenario.contributions(of: agreement.package) }
        guard let space = frontier?.space else { return nil }
        func options(_ package: [IssueValue]) -> [Int]? {
            let indices = package.compactMap(\.option)
            return indices.count == package.count ? indices : nil
        }
        if let lottery = agreement.lottery {
            var parts: [(probability: Double, contributions: Contributions)] = []
            for share in lottery {
                guard let package = options(share.package) else { return nil }
                parts.append((share.probability, space.contributions(of: package)))
            }
            return Contributions.expected(parts)
        }
        return options(agreement.package).map { space.contributions(of: $0) }
    }

    /// The `solve` document with `contributions` in every solution:
    /// `{ISSUE: [per party], ..., "interactions": [per party]}`, arrays in party order, adding
    /// up to the solution's `utilities`.
    public func json(explain: Bool) -> JSONValue {
        let document = json
        guard explain, case .object(var members) = document,
              let index = members.firstIndex(where: { $0.0 == "solutions" }), case .object(let entries) = members[index].1
        else { return document }
        let explained = entries.map { key, value -> (String, JSONValue) in
            guard case .object(var fields) = value,
                  let agreement = solutions.first(where: { $0.concept.rawValue == key })?.result.agreement,
                  let parts = contributions(of: agreement)
            else { return (key, value) }
            fields.append(("contributions", contributionsJSON(parts)))
            return (key, .object(fields))
        }
        members[index].1 = .object(explained)
        return .object(members)
    }

    private func contributionsJSON(_ parts: Contributions) -> JSONValue {
        .object(zip(scenario.issues, parts.issues).map { ($0.id, .numbers($1)) } + [("interactions", .numbers(parts.interactions))])
    }

    /// The rows of one solution's breakdown: a header of party ids, one row per issue, the
    /// interactions (when the scenario has any) and the total.
    private func contributionRows(_ agreement: Agreement, _ parts: Contributions) -> [[String]] {
        var rows = [["issue"] + scenario.parties.map(\.id)]
        for (issue, values) in zip(scenario.issues, parts.issues) { rows.append([issue.id] + values.map(signed)) }
        if scenario.preferences.contains(where: { !$0.interactions.isEmpty }) {
            rows.append(["interactions"] + parts.interactions.map(signed))
        }
        rows.append(["utility"] + agreement.utilities.map(formatNumber))
        return rows
    }

    /// The solutions of the text report, each followed by where its utilities come from.
    public func text(explain: Bool) -> String {
        guard explain else { return text }
        var lines = [text.trimmingTrailingNewlines, "", "Where the utilities come from (weight × value of each issue)"]
        for (concept, result) in solutions {
            guard let agreement = result.agreement, let parts = contributions(of: agreement) else { continue }
            lines.append("  \(concept.title)" + (agreement.lottery == nil ? "" : " (expected over the lottery)"))
            lines += BargainText.alignedRows(contributionRows(agreement, parts)).map { "    " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Markdown report with one breakdown table per solution.
    public func markdown(explain: Bool) -> String {
        guard explain else { return markdown }
        var lines = [markdown.trimmingTrailingNewlines, "", "## Where the utilities come from", ""]
        for (concept, result) in solutions {
            guard let agreement = result.agreement, let parts = contributions(of: agreement) else { continue }
            let rows = contributionRows(agreement, parts)
            lines.append("### \(concept.title)" + (agreement.lottery == nil ? "" : " (expected over the lottery)"))
            lines.append("")
            lines.append("| " + rows[0].joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: rows[0].count - 1))
            for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
            lines.append("")
        }
        return lines.joined(separator: "\n").trimmingTrailingNewlines + "\n"
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
