import Accord
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The ANAC 2012 and 2015 corpus (`AnacCorpus`, skipped where absent) against an exact oracle
/// written from GENIUS's definitions and the files' text: `XMLDocument` reads the domain and the
/// profiles; each weight, evaluation and reservation is the exact decimal its attribute writes;
/// `v = evaluation / largest evaluation of the issue`; `u = Σ w_j v_j`; acceptable when
/// `u ≥ reservation`. Utilities are integers over the party's common denominator (128-bit), and
/// the frontier is found by definition (`exactFrontier`). Every
/// domain up to 20,000 packages (63 of the 72 of 2012; of 2015's 14, the 11 of discrete issues): Accord's acceptable
/// count and frontier, package for package. In 24 of them a party's 16–17-digit weights leave no 64-bit common denominator
/// and Accord rounds (with a warning); no two packages there are close enough for it to matter.
@Suite struct AnacExactnessTests {
    struct Domain {
        /// Issue index attribute, name and item values, in file order.
        var issues: [(index: String, name: String, items: [String])]
        /// Whether every issue is discrete (integer and real issues are left to the other tests).
        var isDiscrete: Bool
        var size: Int { issues.reduce(1) { $0 * $1.items.count } }
    }

    static func attribute(_ element: XMLElement, _ name: String) throws -> String {
        try #require(element.attribute(forName: name)?.stringValue, "missing \(name) on \(element.name ?? "?")")
    }

    static func domain(_ url: URL) throws -> Domain {
        let document = try XMLDocument(contentsOf: url)
        let issues = try document.nodes(forXPath: "//issue").compactMap { $0 as? XMLElement }.map { issue in
            (index: try attribute(issue, "index"), name: try attribute(issue, "name"),
             items: try issue.elements(forName: "item").map { try attribute($0, "value") })
        }
        let types = try document.nodes(forXPath: "//issue").compactMap { ($0 as? XMLElement)?.attribute(forName: "type")?.stringValue }
        return Domain(issues: issues, isDiscrete: types.allSatisfy { $0 == "discrete" })
    }

    /// A profile's utility of every package (lexicographic in domain order) and its reservation,
    /// as integers over one common denominator.
    static func utilities(_ url: URL, domain: Domain) throws -> (utilities: [Int128], reservation: Int128) {
        let document = try XMLDocument(contentsOf: url)
        var weights: [String: Rational] = [:]
        for weight in try document.nodes(forXPath: "//weight").compactMap({ $0 as? XMLElement }) {
            weights[try attribute(weight, "index")] = try #require(Rational(decimal: try attribute(weight, "value")))
        }
        var values: [[Rational]] = []
        for issue in domain.issues {
            let element = try #require(
                try document.nodes(forXPath: "//issue[@index='\(issue.index)']").first as? XMLElement, "issue \(issue.name)")
            var evaluation: [String: Rational] = [:]
            for item in element.elements(forName: "item") {
                evaluation[try attribute(item, "value")] = try #require(Rational(decimal: try attribute(item, "evaluation")))
            }
            let raw = try issue.items.map { try #require(evaluation[$0], "\(issue.name): \($0)") }
            let largest = try #require(raw.max())
            let w = try #require(weights[issue.index], "weight of \(issue.name)")
            // GENIUS evaluates every item to 0 when the largest evaluation is below 0.00001.
            values.append(raw.map { largest < Rational(1, 100_000) ? Rational(0, 1) : w * ($0 / largest) })
        }
        let reservationText = try document.nodes(forXPath: "//reservation").compactMap { $0 as? XMLElement }.first.map { try attribute($0, "value") }
        let reservation = try #require(Rational(decimal: reservationText ?? "0"))
        let unit = values.flatMap { $0 }.reduce(reservation.d) { Rational.lcm($0, $1.d) }
        let terms = values.map { row in row.map { $0.n * (unit / $0.d) } }
        var result: [Int128] = []
        var package = [Int](repeating: 0, count: terms.count)
        func visit(_ j: Int, _ sum: Int128) {
            guard j < terms.count else { return result.append(sum) }
            for o in terms[j].indices {
                package[j] = o
                visit(j + 1, sum + terms[j][o])
            }
        }
        visit(0, 0)
        return (result, reservation.n * (unit / reservation.d))
    }

    /// The acceptable frontier by definition, for any number of parties: packages sorted by
    /// utility vector, lexicographically descending (then the earlier package), so that every
    /// package that weakly dominates another — or equals it and comes earlier — precedes it; a
    /// package is kept unless a kept one is at least as good for everyone. Package indices in
    /// the oracle's lexicographic order; and the acceptable count.
    static func exactFrontier(_ parties: [(utilities: [Int128], reservation: Int128)]) -> (frontier: Set<Int>, acceptable: Int) {
        let count = parties[0].utilities.count
        let acceptable = (0..<count).filter { k in parties.allSatisfy { $0.utilities[k] >= $0.reservation } }
        let sorted = acceptable.sorted { x, y in
            for party in parties where party.utilities[x] != party.utilities[y] { return party.utilities[x] > party.utilities[y] }
            return x < y
        }
        var kept: [Int] = []
        for k in sorted where !kept.contains(where: { f in parties.allSatisfy { $0.utilities[f] >= $0.utilities[k] } }) {
            kept.append(k)
        }
        return (Set(kept), acceptable.count)
    }

    /// Accord's acceptable count and frontier (as package indices in the oracle's order) for a
    /// domain and its profiles.
    static func accord(domain: URL, profiles: [URL], issues: Domain) throws -> (frontier: Set<Int>, acceptable: Int?) {
        let scenario = try GeniusImport.load(domain: domain.path, profiles: profiles.map(\.path))
        let report = Solver.solve(try BargainingProblem(scenario, file: domain.lastPathComponent, concepts: [.nash]))
        let computed = try #require(report.frontier)
        let counts: [Int] = issues.issues.map { $0.items.count }
        var indices = Set<Int>()
        for point in 0..<computed.count {
            var index = 0
            for (option, count) in zip(computed.package(at: point), counts) { index = index * count + option }
            indices.insert(index)
        }
        return (indices, report.acceptable)
    }

    /// Checks every domain of `year` that has only discrete issues and at most 20,000 packages
    /// against the oracle (`profiles`: how many each must have, where fixed); returns how many.
    static func checkAgainstTheOracle(_ year: String, profiles expected: Int? = nil) throws -> Int {
        var checked = 0
        for (folder, domainFile, profiles) in try AnacCorpus.folders(year) {
            let domain = try Self.domain(domainFile)
            guard domain.isDiscrete, domain.size <= 20_000 else { continue }
            if let expected { #expect(profiles.count == expected, "\(folder)") }
            let (frontier, acceptable) = Self.exactFrontier(try profiles.map { try Self.utilities($0, domain: domain) })
            let computed = try Self.accord(domain: domainFile, profiles: profiles, issues: domain)
            #expect(computed.acceptable == acceptable, "\(folder)")
            #expect(computed.frontier == frontier, "\(folder): Accord \(computed.frontier.count) points, oracle \(frontier.count)")
            checked += 1
        }
        return checked
    }

    /// ANAC 2012: every domain up to 20,000 packages (63 of the 72, all discrete), both profiles.
    @Test(.enabled(if: AnacCorpus.isPresent, "the shared ANAC corpus (../shared/anac) is absent"))
    func bilateralFrontiersEqualAnExactOracleFromTheText() throws {
        #expect(try Self.checkAgainstTheOracle("y2012", profiles: 2) == 63)
    }

    /// ANAC 2015: the 11 multilateral domains of discrete issues up to 20,000 packages (of 14: one
    /// is larger, two have integer issues) with all their 3–9 profiles at
    /// the table — where most parties' utilities are rounded (no 64-bit common denominator for 9
    /// parties' 17-digit weights), so this also checks that the rounding never decides here.
    @Test(.enabled(if: AnacCorpus.isPresent, "the shared ANAC corpus (../shared/anac) is absent"))
    func multilateralFrontiersEqualAnExactOracleFromTheText() throws {
        #expect(try Self.checkAgainstTheOracle("y2015") == 11)
    }
}
