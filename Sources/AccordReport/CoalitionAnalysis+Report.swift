import AccordCoalitions
import AccordGames
import AccordModel
import AccordSolutions
import BigInt

extension CoalitionAnalysis {
    /// The JSON of `accord coalitions` (DESIGN.md §2.5; arrays indexed by party in party order).
    public var json: JSONValue {
        let ids = scenario.parties.map(\.id)
        func names(_ parties: [Int]) -> JSONValue { .array(parties.map { .string(ids[$0]) }) }
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(ids.map(JSONValue.string))),
            ("rule", scenario.decisionRule.json(parties: ids.count)),
            ("package", package.map { scenario.json(package: $0) } ?? .null),
            ("package_source", .string(packageIsNash ? "nash" : "given")),
            ("utilities", utilities.map(JSONValue.numbers) ?? .null),
            ("disagreement", .numbers(disagreement)),
            ("accepting", names(accepting)),
            ("winning", .bool(winning)),
            ("veto_players", names(vetoPlayers)),
            ("pivotal", names(pivotal)),
            ("minimal_winning_coalitions", .object([
                ("count", .number(Double(minimalWinning.count))),
                ("count_exact", .string(String(minimalWinning.count))),
                ("agreement_checked", .bool(minimalWinning.agreementChecked)),
                ("listed", .array(minimalWinning.listed.map { listed in
                    .object([
                        ("members", names(listed.members)),
                        ("nash", listed.nash.map { .object([("package", scenario.json(package: $0.package)), ("utilities", .numbers($0.utilities))]) } ?? .null),
                    ])
                })),
            ])),
            ("power", .object([("shapley_shubik", .numbers(power.shapleyShubik)), ("banzhaf", .numbers(power.banzhaf))])),
        ]
        if let transfers {
            members.append(("transfers", .object(transfers.jsonMembers)))
        } else if let shapleyEstimate {
            members.append(("transfers", .object([
                ("shapley", .null), ("nucleolus", .null), ("core", .null),
                ("shapley_estimate", .object([
                    ("value", .numbers(shapleyEstimate.value)), ("half_width", .numbers(shapleyEstimate.halfWidth)),
                    ("permutations", .number(Double(shapleyEstimate.permutations))), ("seed", .number(1)),
                ])),
            ])))
        }
        if let blocs {
            members.append(("blocs", blocs.json(ids: ids)))
        }
        members.append(("notes", .array((notes + (blocs?.notes ?? [])).map(JSONValue.string))))
        return .object(members)
    }

    /// The analysis for people: the rule, the package and who accepts it, veto players, the
    /// minimal winning coalitions, voting power and (with transfers) the sharing of the surplus.
    public var text: String {
        let n = scenario.parties.count
        let ids = scenario.parties.map(\.id)
        func listed(_ parties: [Int]) -> String { parties.isEmpty ? "none" : BargainText.listed(parties.map { ids[$0] }) }
        var lines = ["Coalitions — \(scenario.name)"]
        if let legend = scenario.partyLegend() { lines.append(legend) }
        lines.append("Decision rule: \(scenario.decisionRule.text(parties: n))")
        lines.append("")
        if let package {
            lines.append(packageIsNash ? "Package (the Nash solution of the whole table):" : "Package (given):")
            for (j, value) in package.enumerated() { lines.append("  \(scenario.issues[j].id) = \(scenario.describe(value, issue: j))") }
            let rejecting = (0..<n).filter { !accepting.contains($0) }
            let who = rejecting.isEmpty ? "every party" : n <= Scenario.partiesListedInFull ? listed(accepting)
                : rejecting.count <= Scenario.partiesListedInFull ? "all but \(listed(rejecting))" : "\(rejecting.count) reject it (--format json lists them)"
            lines.append("Accepted by \(accepting.count) of \(n): \(who) — \(winning ? "a winning coalition: the package passes" : "not winning: the package does not pass")")
            if !pivotal.isEmpty {
                let who = pivotal.count <= Scenario.partiesListedInFull ? listed(pivotal) : "\(pivotal.count) parties (--format json lists them)"
                lines.append(winning
                    ? "Pivotal (the package fails if any one of them rejects it): \(who)"
                    : "Would make it pass by accepting: \(who)")
            }
        } else {
            lines.append("No package to analyse.")
        }
        lines.append("Veto players (in every winning coalition that can agree): \(listed(vetoPlayers))")
        lines.append("")
        var count = String(minimalWinning.count)
        if minimalWinning.count > BigUInt(1_000_000_000_000) { count += " (≈ \(formatNumber(Double(minimalWinning.count))))" }
        lines.append("Minimal winning coalitions\(minimalWinning.agreementChecked ? " that can agree" : " of the rule"): \(count)")
        for (k, coalition) in minimalWinning.listed.enumerated() {
            let names = coalition.members.map { ids[$0] }
            let shown = names.count > Scenario.partiesListedInFull
                ? names.prefix(8).joined(separator: ", ") + " and \(names.count - 8) more (\(names.count) parties)" : names.joined(separator: ", ")
            var line = "  \(k + 1). \(shown)"
            if let nash = coalition.nash {
                line += " — Nash: " + nash.package.enumerated().map { scenario.describe($1, issue: $0) }.joined(separator: ", ")
            }
            lines.append(line)
        }
        if BigUInt(minimalWinning.listed.count) < minimalWinning.count, !minimalWinning.listed.isEmpty {
            lines.append("  … and \(minimalWinning.count - BigUInt(minimalWinning.listed.count)) more (--list N shows up to N)")
        }
        lines.append("")
        lines.append("Voting power under the rule (each sums to 1):")
        var rows = [["party", "Shapley–Shubik", "Banzhaf"]]
        let order = n > Scenario.partiesListedInFull
            ? Array(scenario.parties.indices.sorted { power.shapleyShubik[$0] > power.shapleyShubik[$1] }.prefix(Scenario.partiesListedInFull))
            : Array(scenario.parties.indices)
        for i in order { rows.append([ids[i], formatNumber(power.shapleyShubik[i]), formatNumber(power.banzhaf[i])]) }
        lines += BargainText.alignedRows(rows).map { "  " + $0 }
        if order.count < n { lines.append("  (the \(order.count) most powerful of \(n); --format json gives every party)") }
        if let transfers {
            lines.append("")
            lines.append("With transfers: v(S) = the largest joint gain Σ(u − d) a winning coalition S can adopt (0 if S loses); v(N) = \(formatNumber(transfers.game.value(transfers.game.grandCoalition)))")
            lines += transfers.textLines(ids: ids)
        }
        if let shapleyEstimate {
            lines.append("")
            lines.append("With transfers: the Shapley value estimated from \(shapleyEstimate.permutations) random orders (± the 95% interval):")
            let rows = [["party", "Shapley (estimate)", "±"]] + ids.indices.map { [ids[$0], formatNumber(shapleyEstimate.value[$0]), formatNumber(shapleyEstimate.halfWidth[$0])] }
            lines += BargainText.alignedRows(rows).map { "  " + $0 }
        }
        if let blocs { lines += blocs.textLines(scenario) }
        let allNotes = notes + (blocs?.notes ?? [])
        if !allNotes.isEmpty {
            lines.append("")
            lines += allNotes.map { "Note: " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension GameSolutions {
    /// The solutions' JSON members (in player order).
    var jsonMembers: [(String, JSONValue)] {
        [
            ("grand_coalition_value", .number(game.value(game.grandCoalition))),
            ("shapley", .numbers(shapley)),
            ("nucleolus", nucleolus.map { .numbers($0.allocation) } ?? .null),
            ("nucleolus_verified", .bool(nucleolus?.verified ?? false)),
            ("nucleolus_note", nucleolusNote.map(JSONValue.string) ?? .null),
            ("core", core.map { core in .object([("empty", .bool(core.isEmpty)), ("allocation", core.isEmpty ? .null : .numbers(core.allocation))]) } ?? .null),
        ]
    }

    /// A table of the solutions, a row per player, then what the core and nucleolus say.
    func textLines(ids: [String], extra: (header: String, values: [Double])? = nil) -> [String] {
        var rows = [["party", "Shapley", "nucleolus", "core"] + (extra.map { [$0.header] } ?? [])]
        for i in ids.indices {
            rows.append([
                ids[i], formatNumber(shapley[i]), nucleolus.map { formatNumber($0.allocation[i]) } ?? "-",
                core.flatMap { $0.isEmpty ? nil : formatNumber($0.allocation[i]) } ?? "-",
            ] + (extra.map { [formatNumber($0.values[i])] } ?? []))
        }
        var lines = BargainText.alignedRows(rows).map { "  " + $0 }
        if let core { lines.append(core.isEmpty ? "The core is empty: every split of v(N) leaves some coalition better off on its own." : "The core is not empty; the allocation shown is in it.") }
        if let nucleolus {
            lines.append("Nucleolus: \(nucleolus.stages) stages, \(nucleolus.linearPrograms) LPs; Kohlberg's criterion in exact rationals: \(nucleolus.verified ? "holds" : "not checked")")
        }
        if let nucleolusNote { lines.append("Nucleolus: \(nucleolusNote)") }
        return lines
    }
}

extension GameAnalysis {
    /// The JSON of `accord game` (DESIGN.md §2.5): arrays in player order.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("players", .array(players.map(JSONValue.string)))] + solutions.jsonMembers
        if let talmud { members.append(("talmud", .numbers(talmud))) }
        return .object(members)
    }

    /// The solutions side by side, for people.
    public var text: String {
        let game = solutions.game
        let lines = ["TU game: \(players.count) players, v(N) = \(formatNumber(game.value(game.grandCoalition)))", ""]
            + solutions.textLines(ids: players, extra: talmud.map { ("Talmud rule", $0) })
        return lines.joined(separator: "\n") + "\n"
    }
}

extension BlocAnalysis {
    func json(ids: [String]) -> JSONValue {
        func names(_ parties: [Int]) -> JSONValue { .array(parties.map { .string(ids[$0]) }) }
        return .object([
            ("units", .array(units.map { .object([("id", .string($0.id)), ("members", names($0.members)), ("bloc", .bool($0.isBloc))]) })),
            ("inside", .array(inside.map { bloc in
                .object([
                    ("bloc", .string(units[bloc.bloc].id)), ("accepting", names(bloc.accepting)), ("accepts", .bool(bloc.accepts)),
                    ("pivotal", names(bloc.pivotal)),
                    ("power", .object([("shapley_shubik", .numbers(bloc.power.shapleyShubik)), ("banzhaf", .numbers(bloc.power.banzhaf))])),
                ])
            })),
            ("accepting", .array(acceptingUnits.map { .string(units[$0].id) })),
            ("passes", .bool(passes)),
            ("pivotal", .array(pivotalUnits.map { .string(units[$0].id) })),
            ("power", power.map { .object([("shapley_shubik", .numbers($0.shapleyShubik)), ("banzhaf", .numbers($0.banzhaf))]) } ?? .null),
            ("power_is_estimate", .bool(powerIsEstimate)),
        ])
    }

    func textLines(_ scenario: Scenario) -> [String] {
        let ids = scenario.parties.map(\.id)
        func listed(_ parties: [Int]) -> String { parties.isEmpty ? "none" : BargainText.listed(parties.map { ids[$0] }) }
        var lines = ["", "With blocs voting as one:"]
        for bloc in inside {
            let members = units[bloc.bloc].members
            let rule = scenario.blocs[bloc.bloc].decisionRule.text(parties: members.count)
            let rejecting = members.filter { !bloc.accepting.contains($0) }
            let who = rejecting.isEmpty ? "all" : members.count <= Scenario.partiesListedInFull ? listed(bloc.accepting)
                : rejecting.count <= Scenario.partiesListedInFull ? "all but \(listed(rejecting))" : "\(rejecting.count) reject"
            let pivotal = bloc.pivotal.isEmpty ? "" : bloc.pivotal.count == members.count ? "; each member can veto it"
                : bloc.pivotal.count <= Scenario.partiesListedInFull ? "; pivotal: \(listed(bloc.pivotal))" : "; \(bloc.pivotal.count) members are pivotal"
            lines.append("  \(units[bloc.bloc].id) (\(rule)): \(bloc.accepting.count) of \(members.count) members accept (\(who)) — the bloc \(bloc.accepts ? "accepts" : "rejects")\(pivotal)")
        }
        let others = units.count - inside.count
        lines.append("  Among the \(inside.count) blocs\(others > 0 ? " and \(others) parties in no bloc" : ""): \(acceptingUnits.count) of \(units.count) accept — the package \(passes ? "passes" : "fails")\(pivotalUnits.isEmpty ? "" : "; pivotal: \(BargainText.listed(pivotalUnits.map { units[$0].id }))")")
        if let power {
            var rows = [["unit", "Shapley–Shubik" + (powerIsEstimate ? " (estimate)" : ""), "Banzhaf" + (powerIsEstimate ? " (estimate)" : "")]]
            let order = units.indices.sorted { power.shapleyShubik[$0] > power.shapleyShubik[$1] }.prefix(Scenario.partiesListedInFull)
            for u in order { rows.append([units[u].id, formatNumber(power.shapleyShubik[u]), formatNumber(power.banzhaf[u])]) }
            lines += BargainText.alignedRows(rows).map { "  " + $0 }
            if order.count < units.count { lines.append("  (the \(order.count) most powerful of \(units.count) units; --format json gives every one)") }
        }
        return lines
    }
}
