import AccordLinkage
import AccordModel
import AccordSolutions
import Foundation

/// The linkage report as data, one function per section; `Linkage+Text` and `Linkage+Markdown`
/// render the same sections.
extension LinkageReport {
    /// The title and the facts under it: who the parties are, the tracks, the disagreement point
    /// and the baseline of every gain.
    var overview: (title: String, facts: [String]) {
        var facts: [String] = []
        if let legend = scenario.partyLegend() { facts.append(legend) }
        facts.append("Tracks: " + tracks.map { "\($0.id) (" + $0.issues.map { scenario.issues[$0].id }.joined(separator: ", ") + ")" }.joined(separator: "; "))
        facts.append("Disagreement point (\(scenario.disagreement.rawValue)): " + partyValues(disagreement))
        switch baseline {
        case .statusQuo:
            facts.append("Gains are measured from the status quo: " + partyValues(statusQuo.utilities, prefix: "u "))
        case .reservation:
            facts.append("Gains are measured from the reservations: " + partyValues(scenario.parties.map(\.reservation))
                + " (status quo: " + partyValues(statusQuo.utilities, prefix: "u ") + ")")
        }
        return ("\(scenario.name) — issue linkage, \(tracks.count) track\(tracks.count == 1 ? "" : "s")", facts)
    }

    /// The sections in report order.
    var sections: [ReportSection] {
        [separateSection, packageSection, valueSection, tradeSection, bundlingSection, topPackageSection] + (redLines.map { [redLineSection($0)] } ?? [])
    }

    /// Each track alone: its agreement and gains, and why a track has none.
    var separateSection: ReportSection {
        var rows = perTrack.map { settlement -> [ReportCell] in
            let terms = settlement.reached
                ? settlement.track.issues.map { scenario.describeTerm(settlement.outcome.package[$0], issue: $0) }.joined(separator: ", ")
                : "no agreement: stays at the status quo"
            return [ReportCell(settlement.track.id), ReportCell(terms)] + partyCells(settlement.outcome.gains, signed)
        }
        rows.append([ReportCell("together", strong: true), ReportCell("Nash product \(formatNumber(separate.nashProduct))")]
            + partyCells(separate.gains, signed, strong: true))
        let items = perTrack.compactMap { settlement in
            settlement.reason.map { "\(settlement.track.id) alone: \($0.text(in: scenario, track: Set(settlement.track.issues)))" }
        }
        return ReportSection(
            title: "Separate tracks (each bargained alone by Nash, the other tracks at their status quo)",
            table: ReportTable(header: ["track", "agreement"] + partyHeader("gain"), rows: rows),
            items: items,
            notes: separate.isAcceptable ? [] : ["The separate settlement as a whole is not acceptable (it crosses a red line or a reservation)."])
    }

    /// Issue by issue: status quo, separate settlement and linked package, with the gains.
    var packageSection: ReportSection {
        var rows = scenario.issues.enumerated().map { j, issue -> [ReportCell] in
            [ReportCell(issue.id), ReportCell(issue.track), ReportCell(scenario.describe(statusQuo.package[j], issue: j)),
             ReportCell(scenario.describe(separate.package[j], issue: j)),
             ReportCell(scenario.describe(linked.package[j], issue: j), strong: scenario.linkageValuesDiffer(linked.package[j], separate.package[j], issue: j))]
        }
        for (i, party) in scenario.parties.enumerated() {
            rows.append([ReportCell("gain \(party.id)", strong: true), "", ReportCell(signed(statusQuo.gains[i])),
                         ReportCell(signed(separate.gains[i])), ReportCell(signed(linked.gains[i]))])
        }
        rows.append([ReportCell("Nash product", strong: true), "", ReportCell(formatNumber(statusQuo.nashProduct)),
                     ReportCell(formatNumber(separate.nashProduct)), ReportCell(formatNumber(linked.nashProduct))])
        return ReportSection(
            title: "Linked package (all tracks together, Nash) against the separate tracks",
            lead: linkedReason.map { ["No linked agreement: \($0.text(in: scenario)); the package stays at the status quo."] } ?? [],
            table: ReportTable(header: ["issue", "track", "status quo", "separate", "linked"], rows: rows))
    }

    /// Per party: separate gain, linked gain, value of linkage; who will resist the linkage.
    var valueSection: ReportSection {
        let rows = scenario.parties.indices.map { i -> [ReportCell] in
            let percent = valueOfLinkagePercent[i].map { " (\(BargainText.signedPercent($0)))" } ?? ""
            return [ReportCell(scenario.parties[i].id), ReportCell(signed(separate.gains[i])), ReportCell(signed(linked.gains[i])),
                    ReportCell(signed(valueOfLinkage[i]) + percent)]
        }
        let notes = hurt.isEmpty
            ? ["No party is worse off linked than with separate tracks."]
            : hurt.map { i in
                let party = scenario.parties[i].id
                return "WARNING: linkage leaves \(party) worse off than the separate tracks (\(signed(valueOfLinkage[i]))): expect \(party) to resist the package."
            }
        return ReportSection(
            title: "Value of linkage (gain linked − gain separate)",
            table: ReportTable(header: ["party", "separate gain", "linked gain", "value of linkage"], rows: rows), notes: notes)
    }

    /// The issues on which the package differs from the separate settlement, and who trades what.
    var tradeSection: ReportSection {
        guard !logrolls.isEmpty else { return ReportSection(title: "Trades: none — the linked package is the separate settlement.") }
        let parties = scenario.parties
        var rows = logrolls.map { logroll -> [ReportCell] in
            let gainers = logroll.gains.map { parties[$0].id }.joined(separator: "+")
            let conceders = logroll.concedes.map { parties[$0].id }.joined(separator: "+")
            let reading = logroll.exchangeRate.map { rate in
                gainers.isEmpty ? "pure concession by \(conceders)" : "\(gainers) gains \(BargainText.formatRate(rate)) per unit \(conceders) concedes"
            } ?? (logroll.gains.isEmpty ? "no one's utility changes" : "gain for all who care")
            let move = "\(scenario.describe(logroll.from, issue: logroll.issue)) → \(scenario.describe(logroll.to, issue: logroll.issue))"
            return [ReportCell(scenario.issues[logroll.issue].id), ReportCell(move)] + partyCells(logroll.change, signed)
                + [ReportCell(logroll.exchangeRate.map(BargainText.formatRate) ?? "—"), ReportCell(reading)]
        }
        if interactionChange.contains(where: { abs($0) > solver.tieTolerance }) {
            rows.append(["interactions", ""] + partyCells(interactionChange, signed) + ["", "joint terms of the linked issues"])
        }
        return ReportSection(
            title: "Trades that make the package (linked against separate; utility change from each issue)",
            table: ReportTable(header: ["issue", "separate → linked"] + partyHeader("Δu") + ["exchange rate", "reading"], rows: rows),
            items: tradeSentences)
    }

    /// The partitions of the tracks into bundles, best first.
    var bundlingSection: ReportSection {
        let search = bundling.isExact
            ? "exact: all \(formatCount(bundling.partitions)) partitions considered"
            : "approximate: beam search, \(bundling.evaluated) of \(formatCount(bundling.partitions)) partitions evaluated"
        let rows = bundling.ranked.enumerated().map { rank, entry -> [ReportCell] in
            [ReportCell("\(rank + 1)"), ReportCell(bundleNames(entry.bundles)), ReportCell(formatNumber(entry.outcome.nashProduct))]
                + partyCells(entry.outcome.gains, signed)
        }
        var notes: [String] = []
        if let simplest = bundling.simplestNearBest(), let best = bundling.ranked.first {
            let loss = (1 - simplest.outcome.nashProduct / best.outcome.nashProduct) * 100
            notes.append("Within 1% of the best with less linkage: \(bundleNames(simplest.bundles)) (Nash product \(String(format: "%.2g", loss))% lower).")
        }
        return ReportSection(
            title: "Best bundling of tracks (\(search))",
            table: ReportTable(header: ["rank", "bundles", "Nash product"] + partyHeader("gain"), rows: rows),
            notes: notes)
    }

    /// The packages nearest the Nash solution.
    var topPackageSection: ReportSection {
        let rows = topPackages.enumerated().map { rank, entry -> [ReportCell] in
            let differs = entry.differences.map { scenario.describeTerm(entry.outcome.package[$0], issue: $0) }.joined(separator: ", ")
            return [ReportCell(rank == 0 && entry.outcome.score != nil ? "1 (Nash)" : "\(rank + 1)"), ReportCell(formatNumber(entry.outcome.nashProduct))]
                + partyCells(entry.outcome.utilities, formatNumber) + [ReportCell(differs)]
        }
        return ReportSection(
            title: "Top \(topPackages.count) package\(topPackages.count == 1 ? "" : "s") near the Nash solution (by Nash product)",
            table: ReportTable(header: ["rank", "Nash product"] + partyHeader("u") + ["differs from Nash"], rows: rows),
            notes: topPackagesNote.map { [$0] } ?? [])
    }

    /// With range or divisible issues, what the top packages are (JSON `top_packages_note`);
    /// `nil` when every issue is discrete.
    var topPackagesNote: String? {
        guard scenario.issues.contains(where: { $0.options == nil }) else { return nil }
        if scenario.issues.allSatisfy({ $0.options == nil }) {
            return "Every issue is continuous: the packages near the Nash solution are a continuum, and only the Nash solution is listed."
        }
        return "The packages near the Nash solution are a continuum: listed are the best packages of the discrete issues, each with its continuous issues settled by Nash."
    }

    /// What each red line does: at the linked solution (binds or not, and what dropping it
    /// changes) and on the separate tracks (which tracks it leaves without agreement); with no
    /// agreement zone, a minimal set of red lines that empties it.
    func redLineSection(_ analysis: RedLineAnalysis) -> ReportSection {
        if let conflict = analysis.conflict {
            return ReportSection(
                title: "Red lines: no agreement zone", lead: ["No agreement zone: \(conflict.text(in: scenario))."],
                items: conflict.minimalSet.enumerated().map { k, reference in
                    scenario.describeRedLine(reference) + (conflict.restoresZoneAlone[k] ? " (dropping it alone restores a zone)" : "")
                })
        }
        guard !analysis.effects.isEmpty else { return ReportSection(title: "Red lines: none in the scenario") }
        let emptied = analysis.effects.map { effect in
            perTrack.filter { $0.reason?.redLines.contains(effect.reference) == true }.map(\.track.id)
        }
        let binding = analysis.effects.filter(\.binds).count
        let blocking = emptied.filter { !$0.isEmpty }.count
        let blockedTracks = Set(emptied.joined()).sorted()
        var title = "Red lines: \(binding) of \(analysis.effects.count) bind at the linked solution"
        if blocking > 0 {
            title += "; \(blocking) leave\(blocking == 1 ? "s" : "") separate track\(blockedTracks.count == 1 ? "" : "s") \(blockedTracks.joined(separator: ", ")) without agreement"
        }
        let rows = zip(analysis.effects, emptied).map { effect, tracks -> [ReportCell] in
            let moves = effect.relaxed.map { relaxed in
                relaxed.package.indices.filter { scenario.linkageValuesDiffer(relaxed.package[$0], linked.package[$0], issue: $0) }
                    .map { scenario.describeTerm(relaxed.package[$0], issue: $0) }.joined(separator: ", ")
            } ?? (effect.unsolved.map { "not certified (\($0))" } ?? "no Nash agreement")
            let changes = effect.change.map { partyCells($0, signed) } ?? partyHeader("").map { _ in ReportCell("—") }
            return [ReportCell(scenario.describeRedLine(effect.reference)), ReportCell(effect.unsolved != nil ? "?" : effect.binds ? "yes" : "no"),
                    ReportCell(effect.binds || effect.unsolved != nil ? moves : ""), ReportCell(tracks.isEmpty ? "" : tracks.joined(separator: ", "))]
                + changes
        }
        return ReportSection(
            title: title,
            table: ReportTable(
                header: ["red line", "binds", "without it, Nash moves to", "leaves without agreement"] + partyHeader("Δu"),
                rows: rows))
    }

    /// The most parties whose numbers get a column each in a table; with more (the 195 states of
    /// a climate negotiation), a row shows its lowest and its highest number with their party.
    static let partyColumnLimit = 8

    /// The party columns' headers: `"gain A"`, `"gain B"`, …, or `"gain, lowest"`,
    /// `"gain, highest"` beyond `partyColumnLimit` parties.
    func partyHeader(_ quantity: String) -> [String] {
        let parties = scenario.parties
        guard parties.count > Self.partyColumnLimit else { return parties.map { "\(quantity) \($0.id)" } }
        return ["\(quantity), lowest", "\(quantity), highest"]
    }

    /// One row's party cells: each party's number, or beyond `partyColumnLimit` parties the lowest
    /// and the highest with the party that has it (the first of equals), e.g. `−0.012 (AF03)`.
    func partyCells(_ values: [Double], _ format: (Double) -> String, strong: Bool = false) -> [ReportCell] {
        let parties = scenario.parties
        guard parties.count > Self.partyColumnLimit else { return values.map { ReportCell(format($0), strong: strong) } }
        guard let low = values.indices.min(by: { values[$0] < values[$1] }),
              let high = values.indices.max(by: { values[$0] < values[$1] }) else { return ["", ""] }
        return [low, high].map { ReportCell("\(format(values[$0])) (\(parties[$0].id))", strong: strong) }
    }

    /// `[fisheries + security] [energy]`.
    func bundleNames(_ bundles: [[Int]]) -> String {
        bundles.map { "[" + $0.map { tracks[$0].id }.joined(separator: " + ") + "]" }.joined(separator: " ")
    }
}
