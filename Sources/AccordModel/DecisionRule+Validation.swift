extension ScenarioValidation {
    /// The decision rule and the blocs: thresholds in (0, 1], `min_parties` in 1...n, no quota on
    /// unanimity, a finite weight ≥ 0 for every party a weighted rule counts (the scenario's
    /// parties, or a bloc's members) with a positive total; blocs with valid unique ids (not a
    /// party's), at least one member, known members (indices checked by the decoder), each party
    /// in at most one bloc, and a valid rule of their own over their members.
    package static func decisionRules(_ rule: DecisionRule, blocs: [Bloc], parties: [Party]) -> [FieldProblem] {
        var problems = self.rule(rule, at: "decision_rule", over: Array(parties.indices), parties: parties, weightsAt: { "parties[\($0)].weight" })
        var blocOf: [Int: Int] = [:]
        var seen: [String: Int] = [:]
        let partyIDs = Set(parties.map(\.id))
        for (index, bloc) in blocs.enumerated() {
            let path = "blocs[\(index)]"
            if let message = identifierProblem(bloc.id) {
                problems.append(problem(path + ".id", message))
            } else if let first = seen[bloc.id] {
                problems.append(problem(path + ".id", "duplicate bloc id \(quoted(bloc.id)) (also blocs[\(first)])"))
            } else if partyIDs.contains(bloc.id) {
                problems.append(problem(path + ".id", "bloc id \(quoted(bloc.id)) is also a party's id; give the bloc its own"))
            } else {
                seen[bloc.id] = index
            }
            if bloc.members.isEmpty { problems.append(problem(path + ".members", "a bloc needs at least one member")) }
            for (position, member) in bloc.members.enumerated() where parties.indices.contains(member) {
                if let first = blocOf[member] {
                    let where_ = first == index ? "listed twice in this bloc" : "already in bloc \(quoted(blocs[first].id))"
                    problems.append(problem("\(path).members[\(position)]", "party \(quoted(parties[member].id)) is \(where_); a party belongs to at most one bloc"))
                } else {
                    blocOf[member] = index
                }
            }
            problems += self.rule(bloc.decisionRule, at: path + ".decision_rule", over: bloc.members.filter(parties.indices.contains), parties: parties, weightsAt: { "parties[\($0)].weight" })
        }
        return problems
    }

    /// One rule over the parties at `members`.
    private static func rule(_ rule: DecisionRule, at path: String, over members: [Int], parties: [Party], weightsAt: (Int) -> String) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func share(_ value: Double?, _ key: String) {
            guard let value else { return }
            if !(value > 0 && value <= 1) {
                problems.append(problem("\(path).\(key)", "must be a share in (0, 1] (0.65 for 65%), found \(formatted(value))"))
            }
        }
        share(rule.quota, "quota")
        share(rule.members, "members")
        if rule.kind == .unanimity {
            for (key, given) in [("quota", rule.quota != nil), ("members", rule.members != nil), ("min_parties", rule.minParties != nil)] where given {
                problems.append(problem("\(path).\(key)", "unanimity takes no \(key) (every party must accept); use kind: majority or weighted"))
            }
        }
        if let minimum = rule.minParties, !(1...max(1, members.count)).contains(minimum) {
            problems.append(problem("\(path).min_parties", "must be between 1 and the \(members.count) parties the rule counts, found \(minimum)"))
        }
        if rule.kind == .weighted {
            if rule.quota == nil { problems.append(problem("\(path).quota", "a weighted rule needs a quota: the share of the total weight that passes a package (e.g. 0.65)")) }
            var total = 0.0
            for member in members {
                guard let weight = parties[member].weight else {
                    problems.append(problem(weightsAt(member), "missing weight for party \(quoted(parties[member].id)) (\(path) is weighted: give every party a weight ≥ 0)"))
                    continue
                }
                total += weight
            }
            if problems.isEmpty, !(total > 0) {
                problems.append(problem(path, "the parties' weights sum to \(formatted(total)); a weighted rule needs a positive total"))
            }
        }
        return problems
    }
}
