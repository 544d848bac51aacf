import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension LinkageOutcome {
    /// `{"package", "utilities", "gains", "nash_product"}`; gains over the status quo.
    func json(in scenario: Scenario) -> [(String, JSONValue)] {
        [
            ("package", scenario.json(package: package)),
            ("utilities", .numbers(utilities)),
            ("gains", .numbers(gains)),
            ("nash_product", .number(nashProduct)),
        ]
    }
}

extension Scenario {
    /// A red line as written in the scenario file, with the party that holds it:
    /// `{"party", "issue", "forbid": [...]}`, `{"party", "forbid_combination": {...}}` or
    /// `{"party", "issue", "min", "max"}`.
    public func json(redLine reference: RedLineReference) -> JSONValue {
        var members: [(String, JSONValue)] = [("party", .string(parties[reference.party].id))]
        switch redLine(reference) {
        case .forbid(let issue, let options):
            members.append(("issue", .string(issues[issue].id)))
            members.append(("forbid", .array(options.map { .string(describe(.option($0), issue: issue)) })))
        case .forbidCombination(let choices):
            members.append(("forbid_combination", .object(choices.map {
                (issues[$0.issue].id, .string(describe(.option($0.option), issue: $0.issue)))
            })))
        case .bounds(let issue, let minimum, let maximum):
            members.append(("issue", .string(issues[issue].id)))
            if let minimum { members.append(("min", .number(minimum))) }
            if let maximum { members.append(("max", .number(maximum))) }
        }
        return .object(members)
    }
}

extension LinkageReport {
    /// The `linkage` document of DESIGN.md §2.4 (with extra keys: `track_issues`, `status_quo`,
    /// `value_of_linkage_percent`, `linkage_hurts`, `interaction_change`, `bundling_search`,
    /// `red_lines`, `stats`). Arrays indexed by party follow `parties`; gains are over the
    /// status quo, Nash products over `disagreement`.
    public var json: JSONValue {
        let parties = scenario.parties
        func ids(_ indices: [Int]) -> JSONValue { .array(indices.map { .string(parties[$0].id) }) }
        func trackNames(_ indices: [Int]) -> JSONValue { .array(indices.map { .string(tracks[$0].id) }) }

        var separateMembers = separate.json(in: scenario)
        separateMembers.append(("acceptable", .bool(separate.isAcceptable)))
        separateMembers.append(("per_track", .object(perTrack.map { settlement in
            var members: [(String, JSONValue)] = [
                ("package", .object(settlement.track.issues.map { j in
                    (scenario.issues[j].id, scenario.json(package: settlement.outcome.package).linkageMember(scenario.issues[j].id))
                })),
                ("gains", .numbers(settlement.outcome.gains)),
                ("agreement", .bool(settlement.reached)),
            ]
            if let reason = settlement.reason { members.append(("reason", .string(reason.text(in: scenario, track: Set(settlement.track.issues))))) }
            return (settlement.track.id, .object(members))
        })))

        var linkedMembers = linked.json(in: scenario)
        if let linkedReason { linkedMembers.append(("reason", .string(linkedReason.text(in: scenario)))) }

        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(parties.map { .string($0.id) })),
            ("disagreement", .numbers(disagreement)),
            ("gains_over", .string(baseline.rawValue)),
            ("tracks", .array(tracks.map { .string($0.id) })),
            ("track_issues", .object(tracks.map { track in (track.id, .array(track.issues.map { .string(scenario.issues[$0].id) })) })),
            ("status_quo", .object([("package", scenario.json(package: statusQuo.package)), ("utilities", .numbers(statusQuo.utilities))])),
            ("separate", .object(separateMembers)),
            ("linked", .object(linkedMembers)),
            ("value_of_linkage", .numbers(valueOfLinkage)),
            ("value_of_linkage_percent", .array(valueOfLinkagePercent.map { $0.map(JSONValue.number) ?? .null })),
            ("linkage_hurts", ids(hurt)),
            ("logrolls", .array(logrolls.map { logroll in
                .object([
                    ("issue", .string(scenario.issues[logroll.issue].id)),
                    ("from", scenario.json(value: logroll.from, issue: logroll.issue)),
                    ("to", scenario.json(value: logroll.to, issue: logroll.issue)),
                    ("concedes", ids(logroll.concedes)),
                    ("gains", ids(logroll.gains)),
                    ("exchange_rate", logroll.exchangeRate.map(JSONValue.number) ?? .null),
                    ("weight_ratio", logroll.weightRatio.map(JSONValue.number) ?? .null),
                    ("utility_change", .numbers(logroll.change)),
                ])
            })),
            ("interaction_change", .numbers(interactionChange)),
            ("bundling", .array(bundling.ranked.map { entry in
                .object([
                    ("bundles", .array(entry.bundles.map(trackNames))),
                    ("nash_product", .number(entry.outcome.nashProduct)),
                    ("utilities", .numbers(entry.outcome.utilities)),
                    ("gains", .numbers(entry.outcome.gains)),
                    ("package", scenario.json(package: entry.outcome.package)),
                    ("bundle_gains", .array(entry.bundleGains.map(JSONValue.numbers))),
                    ("bundle_agreement", .array(entry.bundleReached.map(JSONValue.bool))),
                ])
            })),
            ("bundling_search", .object([
                ("method", .string(bundling.isExact ? "exact" : "beam")),
                ("partitions", .number(bundling.partitions)),
                ("evaluated", .number(Double(bundling.evaluated))),
                ("pruned", .number(Double(bundling.pruned))),
                ("simplest_within_1_percent", bundling.simplestNearBest().map { .array($0.bundles.map(trackNames)) } ?? .null),
                ("note", bundling.isExact
                    ? .string("every partition of the tracks considered (branch and bound); the ranking is exact")
                    : .string("approximate: beam search over \(tracks.count) tracks; the best partition may be missed")),
            ])),
            ("top_packages", .array(topPackages.map { entry in
                var members = entry.outcome.json(in: scenario)
                let package = scenario.json(package: entry.outcome.package)
                members.append(("differs_from_nash", .object(entry.differences.map { j in
                    (scenario.issues[j].id, package.linkageMember(scenario.issues[j].id))
                })))
                return .object(members)
            })),
            ("top_packages_note", topPackagesNote.map(JSONValue.string) ?? .null),
        ]
        if let redLines {
            var redLineMembers: [(String, JSONValue)] = [
                ("effects", .array(redLines.effects.map { effect in
                    .object([
                        ("red_line", scenario.json(redLine: effect.reference)),
                        ("binds", .bool(effect.binds)),
                        ("relaxed", effect.relaxed.map { .object($0.json(in: scenario)) } ?? .null),
                        ("change", effect.change.map(JSONValue.numbers) ?? .null),
                        ("unsolved", effect.unsolved.map(JSONValue.string) ?? .null),
                    ])
                })),
            ]
            if let conflict = redLines.conflict {
                redLineMembers.append(("conflict", .object([
                    ("minimal_set", .array(conflict.minimalSet.map { scenario.json(redLine: $0) })),
                    ("restores_zone_alone", .array(conflict.restoresZoneAlone.map(JSONValue.bool))),
                    ("reason", .string(conflict.text(in: scenario))),
                ])))
            } else {
                redLineMembers.append(("conflict", .null))
            }
            members.append(("red_lines", .object(redLineMembers)))
        }
        members.append(("stats", .object([
            ("seconds", .number(seconds)),
            ("bundles_solved", .number(Double(bundlesSolved))),
        ])))
        return .object(members)
    }
}

fileprivate extension JSONValue {
    /// The member `key` of an object (`null` when absent or not an object).
    func linkageMember(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return .null }
        return members.first { $0.0 == key }?.1 ?? .null
    }
}
