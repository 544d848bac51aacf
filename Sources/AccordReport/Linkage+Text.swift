import AccordLinkage
import AccordModel
import AccordSolutions

extension LinkageReport {
    /// A readable report: the overview, then each section of `sections` as aligned columns.
    public var text: String {
        let overview = self.overview
        var lines = [overview.title] + overview.facts.map { "  " + $0 }
        for section in sections { lines += [""] + section.textLines }
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
        scenario.describeTerm(logroll.to, issue: logroll.issue)
    }

    /// `A 0.1, B 0.2` (or signed; summarized for many parties, `Scenario.partyValues`).
    func partyValues(_ values: [Double], prefix: String = "", signedValues: Bool = false) -> String {
        prefix + scenario.partyValues(values, format: signedValues ? signed : formatNumber)
    }
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
        let parties = scenario.holderIDs(minimalSet).joined(separator: ", ")
        return "these \(minimalSet.count) red line\(minimalSet.count == 1 ? "" : "s") (of \(parties)) together with the reservations leave no acceptable package; dropping any one of them restores an agreement zone"
    }
}
