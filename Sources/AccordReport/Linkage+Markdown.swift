import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension LinkageReport {
    /// A Markdown briefing: separate versus linked settlement (issues as rows), the value of
    /// linkage, the trades, the bundlings, the menu of packages and the binding red lines.
    public var markdown: String {
        let parties = scenario.parties
        var lines = ["# \(scenario.name) — issue linkage", ""]
        lines.append("- Tracks: " + tracks.map { "**\($0.id)** (" + $0.issues.map { scenario.issues[$0].id }.joined(separator: ", ") + ")" }.joined(separator: "; "))
        lines.append("- Disagreement point (\(scenario.disagreement.rawValue)): " + partyValues(disagreement))
        lines.append("- Status quo utilities: " + partyValues(statusQuo.utilities) + "; every gain is over the status quo")
        lines.append("")

        lines.append("## Separate tracks versus the linked package")
        lines.append("")
        lines.append("| issue | track | status quo | separate | linked |")
        lines.append("|---|---|---|---|---|")
        for (j, issue) in scenario.issues.enumerated() {
            let linkedCell = scenario.describe(linked.package[j], issue: j)
            let changed = linked.options[j] != separate.options[j]
            lines.append("| \(issue.name ?? issue.id) | \(issue.track) | \(scenario.describe(statusQuo.package[j], issue: j)) | "
                + "\(scenario.describe(separate.package[j], issue: j)) | \(changed ? "**\(linkedCell)**" : linkedCell) |")
        }
        for (i, party) in parties.enumerated() {
            lines.append("| **gain \(party.id)** | | 0 | \(signed(separate.gains[i])) | \(signed(linked.gains[i])) |")
        }
        lines.append("| **Nash product** | | \(formatNumber(statusQuo.nashProduct)) | \(formatNumber(separate.nashProduct)) | \(formatNumber(linked.nashProduct)) |")
        lines.append("")
        for settlement in perTrack where !settlement.reached {
            lines.append("- Track **\(settlement.track.id)** reaches no agreement alone and stays at the status quo"
                + (settlement.reason.map { ": \($0.text(in: scenario, track: Set(settlement.track.issues)))." } ?? "."))
        }
        if let linkedReason { lines.append("- No linked agreement: \(linkedReason.text(in: scenario)).") }
        if !separate.isAcceptable { lines.append("- The separate settlement as a whole is not acceptable (it crosses a red line or a reservation).") }
        lines.append("")

        lines.append("## Value of linkage")
        lines.append("")
        lines.append("| party | separate gain | linked gain | value of linkage |")
        lines.append("|---|---|---|---|")
        for (i, party) in parties.enumerated() {
            let percent = valueOfLinkagePercent[i].map { " (\(BargainText.signedPercent($0)))" } ?? ""
            lines.append("| \(party.id) | \(signed(separate.gains[i])) | \(signed(linked.gains[i])) | \(signed(valueOfLinkage[i]))\(percent) |")
        }
        lines.append("")
        for i in hurt {
            lines.append("**Warning:** linkage leaves \(parties[i].id) worse off than the separate tracks (\(signed(valueOfLinkage[i]))); expect \(parties[i].id) to resist the package.")
            lines.append("")
        }

        if !logrolls.isEmpty {
            lines.append("## Trades that make the package")
            lines.append("")
            lines.append("| issue | separate → linked | " + parties.map { "Δu \($0.id)" }.joined(separator: " | ") + " | exchange rate |")
            lines.append("|---|---|" + String(repeating: "---|", count: parties.count) + "---|")
            for logroll in logrolls {
                lines.append("| \(scenario.issues[logroll.issue].id) | \(scenario.describe(.option(logroll.from), issue: logroll.issue)) → "
                    + "\(scenario.describe(.option(logroll.to), issue: logroll.issue)) | "
                    + logroll.change.map(signed).joined(separator: " | ") + " | "
                    + (logroll.exchangeRate.map(BargainText.formatRate) ?? "—") + " |")
            }
            if interactionChange.contains(where: { abs($0) > 1e-12 }) {
                lines.append("| interactions | | " + interactionChange.map(signed).joined(separator: " | ") + " | |")
            }
            lines.append("")
            for sentence in tradeSentences { lines.append("- " + sentence) }
            lines.append("")
        }

        lines.append("## Best bundling of tracks")
        lines.append("")
        lines.append(bundling.isExact
            ? "Exact: all \(formatCount(bundling.partitions)) partitions of the tracks considered."
            : "Approximate (beam search): \(bundling.evaluated) of \(formatCount(bundling.partitions)) partitions evaluated.")
        lines.append("")
        lines.append("| rank | bundles | Nash product | " + parties.map { "gain \($0.id)" }.joined(separator: " | ") + " |")
        lines.append("|---|---|---|" + String(repeating: "---|", count: parties.count))
        for (rank, entry) in bundling.ranked.enumerated() {
            let bundles = entry.bundles.map { "[" + $0.map { tracks[$0].id }.joined(separator: " + ") + "]" }.joined(separator: " ")
            lines.append("| \(rank + 1) | \(bundles) | \(formatNumber(entry.outcome.nashProduct)) | " + entry.outcome.gains.map(signed).joined(separator: " | ") + " |")
        }
        if let simplest = bundling.simplestNearBest() {
            lines.append("")
            lines.append("Within 1% of the best with less linkage: " + simplest.bundles.map { "[" + $0.map { tracks[$0].id }.joined(separator: " + ") + "]" }.joined(separator: " ") + ".")
        }
        lines.append("")

        lines.append("## Packages near the Nash solution")
        lines.append("")
        lines.append("| rank | Nash product | " + parties.map { "u \($0.id)" }.joined(separator: " | ") + " | differs from Nash |")
        lines.append("|---|---|" + String(repeating: "---|", count: parties.count) + "---|")
        for (rank, entry) in topPackages.enumerated() {
            let differs = entry.differences.map { "\(scenario.issues[$0].id) \(scenario.describe(entry.outcome.package[$0], issue: $0))" }.joined(separator: ", ")
            lines.append("| \(rank + 1) | \(formatNumber(entry.outcome.nashProduct)) | " + entry.outcome.utilities.map(formatNumber).joined(separator: " | ")
                + " | \(rank == 0 ? "(Nash)" : differs) |")
        }

        if let redLines {
            lines.append("")
            lines.append("## Red lines")
            lines.append("")
            if let conflict = redLines.conflict {
                lines.append("No agreement zone: \(conflict.text(in: scenario)).")
                lines.append("")
                for (k, reference) in conflict.minimalSet.enumerated() {
                    lines.append("- \(scenario.describeRedLine(reference))" + (conflict.restoresZoneAlone[k] ? " (dropping it alone restores a zone)" : ""))
                }
            } else {
                lines.append("| red line | binds | without it | " + parties.map { "Δu \($0.id)" }.joined(separator: " | ") + " |")
                lines.append("|---|---|---|" + String(repeating: "---|", count: parties.count))
                for effect in redLines.effects {
                    let moves = effect.relaxed.map { relaxed in
                        relaxed.options.indices.filter { relaxed.options[$0] != linked.options[$0] }
                            .map { "\(scenario.issues[$0].id) \(scenario.describe(relaxed.package[$0], issue: $0))" }.joined(separator: ", ")
                    } ?? "no Nash agreement"
                    let changes = effect.change.map { $0.map(signed) } ?? Array(repeating: "—", count: parties.count)
                    lines.append("| \(scenario.describeRedLine(effect.reference)) | \(effect.binds ? "yes" : "no") | \(effect.binds ? moves : "") | "
                        + changes.joined(separator: " | ") + " |")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
