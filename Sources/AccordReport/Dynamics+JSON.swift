import AccordDynamics
import AccordFrontier
import AccordLinkage
import AccordModel
import AccordSolutions
import AccordSpace

extension Outcome {
    /// `"package": {...}` or `"lottery": [{"probability", "package"}]` (DESIGN.md §2.1).
    func jsonMember(in scenario: Scenario) -> (String, JSONValue) {
        switch self {
        case .package(let package): return ("package", scenario.json(package: package))
        case .lottery(let shares):
            return ("lottery", .array(shares.map { share in
                .object([("probability", .number(share.probability)), ("package", scenario.json(package: share.package))])
            }))
        }
    }
}

extension DynamicsReport {
    /// A point as `{"package" | "lottery", "utilities", "gains", "nash_product"}`, the Nash
    /// product with the scenario's power unless `power` says otherwise.
    func json(_ point: BargainingCurve.Point, power: [Double]? = nil) -> JSONValue {
        let gains = zip(point.utilities, disagreement).map { $0 - $1 }
        return .object([
            point.outcome.jsonMember(in: scenario),
            ("utilities", .numbers(point.utilities)),
            ("gains", .numbers(gains)),
            ("nash_product", .number(NashObjective.product(gains: gains, power: power ?? self.power))),
        ])
    }

    /// The `dynamics` document of DESIGN.md §2.4:
    /// `{"protocol", "first_proposer", "agreement": {"package", "utilities"}, "path": [{"round",
    /// "proposer", "package", "utilities"}]}`, with extra keys (`power`, `discount`,
    /// `bargaining_set`, `counter_offer`, `nash`, `method`, `status`, `iterations`, `gap`,
    /// `limit` {`rates`, `power`, point} for Rubinstein; per-step `risk`/`weighted_risk`/
    /// `concedes`/`accepted` and `rounds` for Zeuthen).
    public var json: JSONValue {
        let parties = scenario.parties
        var members: [(String, JSONValue)] = [
            ("scenario", .string(scenario.name)),
            ("parties", .array(parties.map { .string($0.id) })),
            ("disagreement", .numbers(disagreement)),
            ("protocol", .string(protocolName.rawValue)),
            ("first_proposer", .string(parties[firstProposer].id)),
            ("power", .numbers(power)),
        ]
        if let discount { members.append(("discount", .object(zip(parties, discount).map { ($0.id, .number($1)) }))) }
        members.append(("bargaining_set", .object([
            ("kind", .string(bargainingSet.kind.rawValue)),
            ("vertices", .number(Double(bargainingSet.curve.vertices.count))),
            ("offers", .number(Double(bargainingSet.offers.count))),
        ])))
        members.append(("agreement", agreement.map { json($0) } ?? .null))
        var path: [JSONValue] = []
        if let rubinstein {
            var step = [("round", JSONValue.number(1)), ("proposer", .string(parties[rubinstein.firstProposer].id))]
            step.append(rubinstein.agreement.outcome.jsonMember(in: scenario))
            step += [("utilities", .numbers(rubinstein.agreement.utilities)), ("accepted", .bool(true))]
            path.append(.object(step))
            members.append(("path", .array(path)))
            members.append(("counter_offer", .object([("proposer", .string(parties[1 - rubinstein.firstProposer].id))]
                + (json(rubinstein.counterOffer).objectMembers))))
            members.append(("method", .string("stationary subgame-perfect equilibrium; bisection on the responder's indifference condition")))
            members.append(("status", .string(rubinstein.status.rawValue)))
            members.append(("iterations", .number(Double(rubinstein.iterations))))
            members.append(("gap", .number(rubinstein.gap)))
            if let limit {
                members.append(("limit", .object([("rates", .numbers(limit.rates)), ("power", .numbers(limit.power))]
                    + json(limit.point, power: limit.power).objectMembers)))
            }
        } else if let zeuthen {
            for offer in zeuthen.offers {
                path.append(.object([
                    ("round", .number(Double(offer.round))),
                    ("proposer", .string(parties[offer.proposer].id)),
                    ("package", scenario.json(package: offer.offer.package)),
                    ("utilities", .numbers(offer.offer.utilities)),
                    ("risk", .number(offer.risk)),
                    ("weighted_risk", .number(offer.weightedRisk)),
                    ("concedes", .bool(offer.concedes)),
                    ("accepted", .bool(offer.accepted)),
                ]))
            }
            members.append(("path", .array(path)))
            members.append(("rounds", .number(Double(zeuthen.rounds))))
        } else {
            members.append(("path", .array([])))
        }
        members.append(("nash", nash.map { json($0) } ?? .null))
        if let zeuthen, let nash {
            members.append(("converged_to_nash", .bool(zeuthen.agreement.utilities == nash.utilities)))
        }
        if let reason = bargainingSet.noAgreementReason { members.append(("reason", .string(reason.text(in: scenario)))) }
        return .object(members)
    }
}

fileprivate extension JSONValue {
    var objectMembers: [(String, JSONValue)] {
        if case .object(let members) = self { return members }
        return []
    }
}
