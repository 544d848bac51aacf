import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

extension LinkageReport {
    /// A readable report: the tracks, each track alone, the linked package, the value of linkage
    /// per party, the trades that make the package, the best bundlings, the packages near the Nash
    /// solution and the binding red lines.
    public var text: String {
        var lines: [String] = []
        lines.append("\(scenario.name) — issue linkage, \(tracks.count) track\(tracks.count == 1 ? "" : "s")")
        let trackWidth = max(8, tracks.map(\.id.count).max() ?? 0)
        for track in tracks {
            lines.append("  " + BargainText.pad(track.id + ":", trackWidth + 1) + "  " + track.issues.map { scenario.issues[$0].id }.joined(separator: ", "))
        }
        lines.append("Disagreement point (\(scenario.disagreement.rawValue)): " + partyValues(disagreement))
        lines.append("Status quo: " + partyValues(statusQuo.utilities, prefix: "u ") + " — every gain below is over the status quo")

        lines.append("")
        lines.append("Separate tracks (each bargained alone by Nash, the other tracks at their status quo)")
        for settlement in perTrack {
            let terms = settlement.track.issues.map { "\(scenario.issues[$0].id) \(scenario.describe(settlement.outcome.package[$0], issue: $0))" }
            if settlement.reached {
                lines.append("  " + BargainText.pad(settlement.track.id, trackWidth) + "  " + terms.joined(separator: ", "))
                lines.append("  " + BargainText.pad("", trackWidth) + "    gains " + partyValues(settlement.outcome.gains, signedValues: true))
            } else {
                lines.append("  " + BargainText.pad(settlement.track.id, trackWidth) + "  no agreement — stays at the status quo (" + terms.joined(separator: ", ") + ")")
                if let reason = settlement.reason { lines.append("  " + BargainText.pad("", trackWidth) + "    " + reason.text(in: scenario, track: Set(settlement.track.issues))) }
            }
        }
        lines.append("  " + BargainText.pad("together", trackWidth) + "  gains " + partyValues(separate.gains, signedValues: true)
            + "; Nash product \(formatNumber(separate.nashProduct))"
            + (separate.isAcceptable ? "" : " (not acceptable as a whole: it crosses a red line or a reservation)"))

        lines.append("")
        if let linkedReason {
            lines.append("Linked package (all tracks together): none — \(linkedReason.text(in: scenario)); stays at the status quo")
        } else {
            lines.append("Linked package (all tracks together, Nash)")
            var rows = scenario.issues.enumerated().map { j, issue in
                [issue.id, scenario.describe(linked.package[j], issue: j),
                 linked.options[j] != separate.options[j] ? "(separately: \(scenario.describe(separate.package[j], issue: j)))" : ""]
            }
            rows.append(["gains", partyValues(linked.gains, signedValues: true)])
            rows.append(["Nash product", formatNumber(linked.nashProduct)])
            lines += BargainText.alignedRows(rows).map { "  " + $0 }
        }

        lines.append("")
        lines.append("Value of linkage (gain linked − gain separate)")
        var table = [["party", "separate", "linked", "value of linkage"]]
        for (i, party) in scenario.parties.enumerated() {
            let percent = valueOfLinkagePercent[i].map { " (\(BargainText.signedPercent($0)))" } ?? ""
            table.append([party.id, signed(separate.gains[i]), signed(linked.gains[i]), signed(valueOfLinkage[i]) + percent])
        }
        lines += BargainText.alignedRows(table).map { "  " + $0 }
        if hurt.isEmpty {
            lines.append("  No party is worse off linked than with separate tracks.")
        } else {
            for i in hurt {
                lines.append("  WARNING: linkage leaves \(scenario.parties[i].id) worse off than the separate tracks (\(signed(valueOfLinkage[i]))): expect \(scenario.parties[i].id) to resist the package.")
            }
        }

        lines.append("")
        if logrolls.isEmpty {
            lines.append("Trades: none — the linked package is the separate settlement.")
        } else {
            lines.append("Trades that make the package (linked against separate; utility change from each issue)")
            var rows: [[String]] = []
            for logroll in logrolls {
                let rate = logroll.exchangeRate.map { rate -> String in
                    let gainers = logroll.gains.map { scenario.parties[$0].id }.joined(separator: "+")
                    let conceders = logroll.concedes.map { scenario.parties[$0].id }.joined(separator: "+")
                    return gainers.isEmpty ? "pure concession by \(conceders)" : "\(gainers) gains \(BargainText.formatRate(rate)) per unit \(conceders) concedes"
                } ?? (logroll.gains.isEmpty ? "no one's utility changes" : "gain for all who care")
                rows.append([
                    scenario.issues[logroll.issue].id,
                    "\(scenario.describe(.option(logroll.from), issue: logroll.issue)) → \(scenario.describe(.option(logroll.to), issue: logroll.issue))",
                    partyValues(logroll.change, signedValues: true), rate,
                ])
            }
            if interactionChange.contains(where: { abs($0) > 1e-12 }) {
                rows.append(["interactions", "", partyValues(interactionChange, signedValues: true), "joint terms of the linked issues"])
            }
            lines += BargainText.alignedRows(rows).map { "  " + $0 }
            lines.append("  In words:")
            for sentence in tradeSentences { lines.append("    " + sentence) }
        }

        lines.append("")
        let search = bundling.isExact
            ? "exact: all \(formatCount(bundling.partitions)) partitions considered"
            : "approximate: beam search, \(bundling.evaluated) of \(formatCount(bundling.partitions)) partitions evaluated"
        lines.append("Best bundling of tracks (\(search))")
        var bundleRows: [[String]] = []
        for (rank, entry) in bundling.ranked.enumerated() {
            let bundles = entry.bundles.map { "[" + $0.map { tracks[$0].id }.joined(separator: " + ") + "]" }.joined(separator: " ")
            bundleRows.append(["\(rank + 1).", bundles, "Nash product \(formatNumber(entry.outcome.nashProduct))",
                               "gains " + partyValues(entry.outcome.gains, signedValues: true)])
        }
        lines += BargainText.alignedRows(bundleRows).map { "  " + $0 }
        if let simplest = bundling.simplestNearBest(), let best = bundling.ranked.first {
            let loss = (1 - simplest.outcome.nashProduct / best.outcome.nashProduct) * 100
            lines.append("  Within 1% of the best with less linkage: " + simplest.bundles.map { "[" + $0.map { tracks[$0].id }.joined(separator: " + ") + "]" }.joined(separator: " ")
                + " (Nash product \(String(format: "%.2g", loss))% lower)")
        }

        lines.append("")
        lines.append("Top \(topPackages.count) package\(topPackages.count == 1 ? "" : "s") near the Nash solution (by Nash product)")
        var packageRows: [[String]] = []
        for (rank, entry) in topPackages.enumerated() {
            let label = rank == 0 && entry.outcome.score != nil ? "Nash" : ""
            let differs = rank == 0 || entry.differences.isEmpty ? "" : "differs: " + entry.differences.map {
                "\(scenario.issues[$0].id) \(scenario.describe(entry.outcome.package[$0], issue: $0))"
            }.joined(separator: ", ")
            packageRows.append(["\(rank + 1).", label, "u " + partyValues(entry.outcome.utilities),
                                "Nash product " + formatNumber(entry.outcome.nashProduct), differs])
        }
        lines += BargainText.alignedRows(packageRows).map { "  " + $0 }

        if let redLines {
            lines.append("")
            lines += redLineLines(redLines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per party: what it concedes and what it gains in exchange.
    var tradeSentences: [String] {
        scenario.parties.indices.compactMap { i -> String? in
            let given = logrolls.filter { $0.concedes.contains(i) }.map(describeMove)
            let won = logrolls.filter { $0.gains.contains(i) }.map(describeMove)
            let party = scenario.parties[i].id
            let net = "net \(signed(valueOfLinkage[i])) against the separate tracks"
            switch (given.isEmpty, won.isEmpty) {
            case (true, true): return nil
            case (false, false): return "\(party) accepts \(BargainText.listed(given)) in exchange for \(BargainText.listed(won)) (\(net))."
            case (true, false): return "\(party) concedes nothing and gains \(BargainText.listed(won)) (\(net))."
            case (false, true): return "\(party) accepts \(BargainText.listed(given)) and gains on no issue of its own (\(net))."
            }
        }
    }

    private func describeMove(_ logroll: Logroll) -> String {
        "\(scenario.issues[logroll.issue].id) \(scenario.describe(.option(logroll.to), issue: logroll.issue))"
    }

    private func redLineLines(_ analysis: RedLineAnalysis) -> [String] {
        var lines: [String] = []
        if let conflict = analysis.conflict {
            lines.append("No agreement zone: " + conflict.text(in: scenario) + ".")
            for (k, reference) in conflict.minimalSet.enumerated() {
                let alone = conflict.restoresZoneAlone[k] ? " (dropping it alone restores a zone)" : ""
                lines.append("  - " + scenario.describeRedLine(reference) + alone)
            }
            return lines
        }
        guard !analysis.effects.isEmpty else { return ["Red lines: none in the scenario"] }
        let binding = analysis.effects.filter(\.binds)
        lines.append("Red lines at the linked solution: \(binding.count) of \(analysis.effects.count) bind")
        for effect in binding {
            var line = "  - " + scenario.describeRedLine(effect.reference) + ": without it "
            if let relaxed = effect.relaxed {
                let moves = relaxed.options.indices.filter { relaxed.options[$0] != linked.options[$0] }
                    .map { "\(scenario.issues[$0].id) \(scenario.describe(relaxed.package[$0], issue: $0))" }
                line += "Nash moves to " + moves.joined(separator: ", ")
                if let change = effect.change { line += "; " + partyValues(change, signedValues: true) }
            } else {
                line += "there is no Nash agreement"
            }
            lines.append(line)
        }
        let loose = analysis.effects.filter { !$0.binds }
        if !loose.isEmpty {
            lines.append("  Not binding: " + loose.map { scenario.describeRedLine($0.reference) }.joined(separator: "; "))
        }
        return lines
    }

    /// `A 0.1, B 0.2` (or signed).
    func partyValues(_ values: [Double], prefix: String = "", signedValues: Bool = false) -> String {
        prefix + zip(scenario.parties, values).map { "\($0.id) \(signedValues ? signed($1) : formatNumber($1))" }.joined(separator: ", ")
    }
}

/// Layout helpers of the linkage and dynamics text reports.
enum BargainText {
    /// `a`, `a and b`, `a, b and c`.
    static func listed(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// Rows of cells padded into aligned columns (trailing spaces trimmed).
    static func alignedRows(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { BargainText.pad($1, widths[$0]) }.joined(separator: "  ").trimmingTrailingSpaces
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `+80%` / `-12.5%`.
    static func signedPercent(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + String(format: "%.3g", value) + "%"
    }

    /// An exchange rate with three significant digits.
    static func formatRate(_ value: Double) -> String { String(format: "%.3g", value) }
}

extension RedLineConflict {
    /// `these 2 red lines (of 'A', 'B') together with the reservations leave no acceptable
    /// package; dropping any one of them restores an agreement zone`, or, when the reservations
    /// alone leave no zone, that with the reason of the scenario without red lines.
    func text(in scenario: Scenario) -> String {
        guard !minimalSet.isEmpty else {
            let bare = withoutRedLines.map { " (without any red line: \($0.text(in: scenario)))" } ?? ""
            return "the reservations alone leave no agreement zone, whatever the red lines" + bare
        }
        let parties = Set(minimalSet.map(\.party)).sorted().map { "'\(scenario.parties[$0].id)'" }
        return "these \(minimalSet.count) red line\(minimalSet.count == 1 ? "" : "s") (of \(parties.joined(separator: ", "))) together with the reservations leave no acceptable package; dropping any one of them restores an agreement zone"
    }
}
