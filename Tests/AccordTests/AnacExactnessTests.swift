import Accord
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The ANAC 2012 corpus (`../shared/anac/y2012`, skipped where absent) against an exact oracle
/// written from GENIUS's definitions and the files' text: `XMLDocument` reads the domain and the
/// profiles; each weight, evaluation and reservation is the exact decimal its attribute writes;
/// `v = evaluation / largest evaluation of the issue`; `u = Σ w_j v_j`; acceptable when
/// `u ≥ reservation`. Utilities are integers over the party's common denominator (128-bit), and
/// the bilateral frontier is the sweep over packages sorted by the first party's utility. Every
/// domain up to 20,000 packages (63 of the 72): Accord's acceptable count and frontier, package
/// for package. In 24 of them a party's 16–17-digit weights leave no 64-bit common denominator
/// and Accord rounds (with a warning); no two packages there are close enough for it to matter.
@Suite struct AnacExactnessTests {
    static let corpus = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/anac/y2012")

    struct Domain {
        /// Issue index attribute, name and item values, in file order.
        var issues: [(index: String, name: String, items: [String])]
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
        return Domain(issues: issues)
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
            values.append(raw.map { w * ($0 / largest) })
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

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "the shared ANAC corpus (../shared/anac) is absent"))
    func frontiersEqualAnExactOracleFromTheText() throws {
        var checked = 0
        for folder in try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted() {
            let directory = Self.corpus.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }.sorted()
            let domainFile = try #require(files.first { $0.contains("domain") }, "\(folder)")
            let domain = try Self.domain(directory.appendingPathComponent(domainFile))
            guard domain.size <= 20_000 else { continue }
            let profiles = files.filter { $0 != domainFile }
            #expect(profiles.count == 2, "\(folder)")
            let (a, ra) = try Self.utilities(directory.appendingPathComponent(profiles[0]), domain: domain)
            let (b, rb) = try Self.utilities(directory.appendingPathComponent(profiles[1]), domain: domain)
            let acceptable = a.indices.filter { a[$0] >= ra && b[$0] >= rb }
            // Sweep: by A descending, then B descending, then earlier package; a package is on the
            // frontier when its B beats every package before it (strictly).
            let sorted = acceptable.sorted { (a[$0], b[$0], -$0) > (a[$1], b[$1], -$1) }
            var frontier = Set<Int>(), bestB: Int128?
            for k in sorted where bestB.map({ b[k] > $0 }) ?? true {
                frontier.insert(k)
                bestB = b[k]
            }

            let scenario = try GeniusImport.load(
                domain: directory.appendingPathComponent(domainFile).path, profiles: profiles.map { directory.appendingPathComponent($0).path })
            let report = Solver.solve(try BargainingProblem(scenario, file: folder, concepts: [.nash]))
            #expect(report.acceptable == acceptable.count, "\(folder)")
            let computed = try #require(report.frontier)
            // Package index in the oracle's lexicographic order, from Accord's options (domain order).
            let counts: [Int] = domain.issues.map { $0.items.count }
            var indices = Set<Int>()
            for point in 0..<computed.count {
                var index = 0
                for (option, count) in zip(computed.package(at: point), counts) { index = index * count + option }
                indices.insert(index)
            }
            #expect(indices == frontier, "\(folder): Accord \(indices.count) points, oracle \(frontier.count)")
            checked += 1
        }
        #expect(checked == 63)
    }
}
