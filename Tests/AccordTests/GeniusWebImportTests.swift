import Accord
import Foundation
import Testing

/// GeniusWeb JSON import (`GeniusWebImport`, `accord import geniusweb`, `--geniusweb`).
///
/// The example `Data/geniusweb/deal.json` (Price: low, high; Delivery: fast, slow) with two
/// hand-written profiles, solved by hand:
/// - buyer: weights (0.6, 0.4), Price (1, 0.25), Delivery (1, 0.5); reservation bid (high, slow):
///   0.6 · 0.25 + 0.4 · 0.5 = 0.35;
/// - seller: weights (0.7, 0.3), Price (0, 1), Delivery (0.2, 1); reservation bid {Delivery:
///   slow}, Price left out (counts 0): 0.3 · 1 = 0.3.
/// Packages (buyer, seller): (low, fast) (1, 0.06); (low, slow) (0.8, 0.3); (high, fast)
/// (0.55, 0.76); (high, slow) (0.35, 1). Acceptable (u ≥ d): all but (low, fast), 3. Nash needs
/// u > d for both: only (high, fast), gains (0.2, 0.46), product 0.092.
@Suite struct GeniusWebImportTests {
    static func path(_ name: String) throws -> String { Repository.data("geniusweb/\(name)") }

    static func files() throws -> [String] { try ["deal.json", "buyer.json", "seller.json"].map(path) }

    @Test func importHasGeniusWebSemantics() throws {
        let paths = try Self.files()
        let scenario = try GeniusWebImport.load(domain: paths[0], profiles: Array(paths.dropFirst()))
        #expect(scenario.name == "deal")
        #expect(scenario.parties.map(\.id) == ["buyer", "seller"])
        #expect(scenario.issues.map(\.id) == ["Price", "Delivery"])
        #expect(scenario.issues.map(\.options) == [["low", "high"], ["fast", "slow"]])
        #expect(scenario.preferences[0].weights == [0.6, 0.4])
        #expect(scenario.preferences[0].values == [.table([1, 0.25]), .table([1, 0.5])])
        #expect(scenario.preferences[1].values == [.table([0, 1]), .table([0.2, 1])])
        #expect(scenario.parties.map(\.reservation) == [0.35, 0.3])
        #expect(scenario.disagreement == .reservation)
    }

    @Test func solveReadsTheFilesDirectlyAndAsAnImportedScenario() throws {
        let directory = try temporaryDirectory()
        for name in ["deal.json", "buyer.json", "seller.json"] {
            try FileManager.default.copyItem(atPath: Self.path(name), toPath: directory.appendingPathComponent(name).path)
        }
        let direct = try AccordExecutable.run(
            ["solve", "--geniusweb", "deal.json", "buyer.json", "seller.json", "--solutions", "nash", "--format", "json"], in: directory)
        #expect(direct.status == 0, "\(direct.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(direct.stdout.utf8)) as? [String: Any])
        let nash = try #require((answer["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect(nash["package"] as? [String: String] == ["Price": "high", "Delivery": "fast"])
        let product = try #require(nash["nash_product"] as? Double)
        #expect(abs(product - 0.092) < 1e-12)
        #expect((answer["outcome_space"] as? [String: Int])?["acceptable"] == 3)
        let imported = try AccordExecutable.run(["import", "geniusweb", "deal.json", "buyer.json", "seller.json", "-o", "deal.yaml"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try AccordExecutable.run(["solve", "deal.yaml", "--solutions", "nash", "--format", "json"], in: directory)
        let reread = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(((reread["solutions"] as? [String: Any])?["nash"] as? [String: Any])?["package"] as? [String: String]
            == ["Price": "high", "Delivery": "fast"])
    }

    static let corpus = AnacCorpus.root.appendingPathComponent("geniusweb")

    /// A profile's copy of the domain may list the issues and values in another order (JSON
    /// objects have none): the buyer's copy reversed still imports, with the same reservation.
    @Test func aProfilesDomainCopyInAnotherOrderIsTheSameDomain() throws {
        let text = try String(contentsOfFile: Self.path("buyer.json"), encoding: .utf8)
        let parts = text.components(separatedBy: #""domain": {"#)
        try #require(parts.count == 2)
        let copy = parts[1]
            .replacingOccurrences(of: #""Delivery": {"values": ["fast", "slow"]}"#, with: #""Price": {"values": ["high", "low"]}"#)
            .replacingOccurrences(of: #""Price": {"values": ["low", "high"]},"#, with: #""Delivery": {"values": ["slow", "fast"]},"#)
        try #require(copy != parts[1])
        let reordered = parts[0] + #""domain": {"# + copy
        let scenario = try GeniusWebImport.scenario(
            domain: GeniusImport.File(path: "deal.json", data: try Data(contentsOf: URL(fileURLWithPath: Self.path("deal.json")))),
            profiles: [GeniusImport.File(path: "buyer.json", data: Data(reordered.utf8)),
                       GeniusImport.File(path: "seller.json", data: try Data(contentsOf: URL(fileURLWithPath: Self.path("seller.json"))))])
        #expect(scenario.parties.map(\.reservation) == [0.35, 0.3])
    }

    /// Every GeniusWeb domain of the shared ANAC corpus imports and solves (skipped where the
    /// corpus is absent, as in a user's clone).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "the shared ANAC corpus (../shared/anac) is absent"))
    func sharedCorpusSolves() throws {
        let corpus = Self.corpus
        let folders = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
        var solved = 0
        for folder in folders.sorted() {
            let files = try FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".json") }.sorted().map { corpus.appendingPathComponent(folder).appendingPathComponent($0).path }
            // The domain is the file whose name has no digit (fitness.json; fitness1.json, fitness2.json).
            guard let domain = files.first(where: { !($0 as NSString).lastPathComponent.contains(where: \.isNumber) }) else { continue }
            let scenario = try GeniusWebImport.load(domain: domain, profiles: files.filter { $0 != domain })
            let report = Solver.solve(try BargainingProblem(scenario, file: folder))
            #expect(report.solutions.contains { $0.concept == .nash }, "\(folder)")
            solved += 1
        }
        #expect(solved == folders.count)
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var old: String
        var new: String
        var message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "number utilities", file: "seller.json", old: #""Price": {"discreteutils": {"valueUtilities": {"low": 0, "high": 1}}}"#,
                new: #""Price": {"numberutils": {"lowValue": 0, "lowUtility": 0, "highValue": 1, "highUtility": 1}}"#,
                message: "seller.json:5: LinearAdditiveUtilitySpace.issueUtilities.Price.numberutils: issue 'Price' has number utilities"),
        BadCase(name: "unknown value", file: "seller.json", old: #""low": 0, "high": 1"#, new: #""low": 0, "medium": 1"#,
                message: "seller.json:5: LinearAdditiveUtilitySpace.issueUtilities.Price.discreteutils.valueUtilities.medium: no value 'medium' of issue 'Price'"),
        BadCase(name: "missing value utility", file: "seller.json", old: #""low": 0, "high": 1"#, new: #""low": 0"#,
                message: "missing the utility of value 'high' of issue 'Price'"),
        BadCase(name: "missing weight", file: "seller.json", old: #""issueWeights": {"Price": 0.7, "Delivery": 0.3}"#, new: #""issueWeights": {"Price": 0.7}"#,
                message: "seller.json:8: LinearAdditiveUtilitySpace.issueWeights: missing the weight of issue 'Delivery'"),
        BadCase(name: "negative weight", file: "seller.json", old: #""Price": 0.7"#, new: #""Price": -0.7"#,
                message: "seller.json:8: LinearAdditiveUtilitySpace.issueWeights.Price: weight must be >= 0, found -0.7"),
        BadCase(name: "unknown issue", file: "seller.json", old: #""Delivery": 0.3"#, new: #""Delivery": 0.3, "Color": 0"#,
                message: "LinearAdditiveUtilitySpace.issueWeights.Color: no issue 'Color' in the domain"),
        BadCase(name: "profile domain differs", file: "buyer.json", old: #""Delivery": {"values": ["fast", "slow"]}"#,
                new: #""Delivery": {"values": ["fast", "slow", "never"]}"#,
                message: "buyer.json:9: LinearAdditiveUtilitySpace.domain: the profile's domain differs from the domain file"),
        BadCase(name: "unknown reservation value", file: "buyer.json", old: #""Delivery": "slow"}"#, new: #""Delivery": "late"}"#,
                message: "LinearAdditiveUtilitySpace.reservationBid.issuevalues.Delivery: no value 'late' of issue 'Delivery'"),
        BadCase(name: "not a linear additive profile", file: "seller.json", old: #""LinearAdditiveUtilitySpace""#, new: #""DiscountedUtilitySpace""#,
                message: "seller.json:2: DiscountedUtilitySpace: unknown key 'DiscountedUtilitySpace'"),
        BadCase(name: "range value set", file: "deal.json", old: #""Price": {"values": ["low", "high"]}"#, new: #""Price": {"range": {"low": 0, "high": 9}}"#,
                message: "deal.json:4: issuesValues.Price.range: issue 'Price' has a number value set (range)"),
        BadCase(name: "malformed JSON", file: "deal.json", old: #""name": "deal","#, new: #""name": "deal""#,
                message: "deal.json"),
    ]

    /// Each bad input exits 65 with its file, field path and line, for `solve --geniusweb` and
    /// `import geniusweb -o`, and writes nothing.
    @Test(arguments: badCases)
    func badInputExits65(_ item: BadCase) throws {
        let directory = try temporaryDirectory()
        for name in ["deal.json", "buyer.json", "seller.json"] {
            var text = try String(contentsOfFile: Self.path(name), encoding: .utf8)
            if name == item.file {
                try #require(text.contains(item.old), "\(item.old) is not in \(name)")
                text = text.replacingOccurrences(of: item.old, with: item.new)
            }
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        for command in [["solve", "--geniusweb", "deal.json", "buyer.json", "seller.json", "-o", "out.json"],
                        ["import", "geniusweb", "deal.json", "buyer.json", "seller.json", "-o", "out.yaml"]] {
            let result = try AccordExecutable.run(command, in: directory)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(item.message), "\(command): \(result.stderr)")
            for name in ["out.json", "out.yaml"] {
                #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
            }
        }
    }

    @Test func fewerThanTwoProfilesIsAUsageError() throws {
        let result = try AccordExecutable.run(["solve", "--geniusweb"] + Array(try Self.files().prefix(2)))
        #expect(result.status == 64)
        #expect(result.stderr.contains("--geniusweb needs the domain file and at least two profiles, found 2 files"), "\(result.stderr)")
        let both = try AccordExecutable.run(["solve", "Data/pie.yaml", "--geniusweb"] + (try Self.files()))
        #expect(both.status == 64)
    }
}
