import Accord
import Foundation
import Testing

/// GENIUS/ANAC XML import (DESIGN.md §2.2): `GeniusImport`, `accord import genius` and
/// `solve`/`frontier --genius`, on the small domains of `Fixtures/genius` (written for these
/// tests; the expected values below are derived by hand in the comments).
@Suite struct GeniusImportTests {
    // MARK: Discrete issues

    /// `party-*.xml`: three colleagues plan an office party. GENIUS divides each evaluation by the
    /// issue's largest evaluation and keeps the weights as given:
    ///
    ///   alice  Food 8/4/2 → 1, 0.5, 0.25    Music 2/5 → 0.4, 1          Venue 10/5/1 → 1, 0.5, 0.1
    ///          weights 0.5, 0.2, 0.3; reservation 0.4; discount_factor 0.9
    ///   bob    Food 1/0.5/0.75 → 1, 0.5, 0.75   Music 40/10 → 1, 0.25    Venue 0/3/6 → 0, 0.5, 1
    ///          weights 0.25, 0.5, 0.25; no reservation (0) and no discount_factor (none)
    ///   carol  Food 1/3/2 → 1/3, 1, 2/3      Music 0.5/0.5 → 1, 1          Venue 1/4/2 → 0.25, 1, 0.5
    ///          weights 0.6, 0, 0.6 (they need not sum to 1); reservation 0.5; discount_factor 1 (none)
    @Test func discreteDomainHasGeniusValues() throws {
        let scenario = try GeniusFixtures.party()
        #expect(scenario.name == "Office Party")
        #expect(scenario.disagreement == .reservation)
        #expect(scenario.parties == [
            Party(id: "party-alice", reservation: 0.4, discount: 0.9),
            Party(id: "party-bob"),
            Party(id: "party-carol", reservation: 0.5),
        ])
        #expect(scenario.issues == [
            Issue(id: "Food", domain: .options(["Pizza", "Sushi", "Tapas"])),
            Issue(id: "Music", domain: .options(["DJ", "Live band"])),
            Issue(id: "Venue", domain: .options(["Office", "Bar", "Park"])),
        ])
        #expect(scenario.issues.allSatisfy { $0.statusQuo == nil })
        let (alice, bob, carol) = (scenario.preferences[0], scenario.preferences[1], scenario.preferences[2])
        #expect(alice.weights == [0.5, 0.2, 0.3])
        #expect(alice.values == [.table([1, 0.5, 0.25]), .table([0.4, 1]), .table([1, 0.5, 0.1])])
        #expect(bob.weights == [0.25, 0.5, 0.25])
        #expect(bob.values == [.table([1, 0.5, 0.75]), .table([1, 0.25]), .table([0, 0.5, 1])])
        #expect(carol.weights == [0.6, 0, 0.6])
        #expect(carol.values[1] == .table([1, 1]) && carol.values[2] == .table([0.25, 1, 0.5]))
        // Evaluations 1, 3, 2 over their largest, 3: the doubles nearest 1/3 and 2/3, which read
        // back as exactly those fractions.
        #expect(carol.values[0] == .table([1.0 / 3, 1, 2.0 / 3]))
        #expect(ExactFraction(1.0 / 3) == ExactFraction(reduced: 1, 3) && ExactFraction(2.0 / 3) == ExactFraction(reduced: 2, 3))
        #expect(scenario.preferences.allSatisfy { $0.interactions.isEmpty && $0.redLines.isEmpty })
    }

    /// The Nash agreement of `solve --genius` is the one an independent brute force finds over the
    /// 18 packages from the hand-derived tables above (1/3 and 2/3 exact here). By hand, for
    /// (Pizza, DJ, Bar): alice 0.5·1 + 0.2·0.4 + 0.3·0.5 = 0.73, bob 0.25·1 + 0.5·1 + 0.25·0.5 =
    /// 0.875, carol 0.6·(1/3) + 0 + 0.6·1 = 0.8; gains over (0.4, 0, 0.5): 0.33, 0.875, 0.3.
    @Test func nashOfTheDiscreteDomainMatchesBruteForceOverHandTables() throws {
        let tables: [(weights: [Double], values: [[Double]], reservation: Double)] = [
            ([0.5, 0.2, 0.3], [[1, 0.5, 0.25], [0.4, 1], [1, 0.5, 0.1]], 0.4),
            ([0.25, 0.5, 0.25], [[1, 0.5, 0.75], [1, 0.25], [0, 0.5, 1]], 0),
            ([0.6, 0, 0.6], [[1.0 / 3, 1, 2.0 / 3], [1, 1], [0.25, 1, 0.5]], 0.5),
        ]
        var best: (product: Double, package: [Int])?
        for food in 0..<3 { for music in 0..<2 { for venue in 0..<3 {
            let package = [food, music, venue]
            let gains = tables.map { party in
                zip(party.weights, zip(party.values, package)).reduce(0) { $0 + $1.0 * $1.1.0[$1.1.1] } - party.reservation
            }
            guard gains.allSatisfy({ $0 > 0 }) else { continue }
            let product = gains.reduce(1, *)
            if best.map({ product > $0.product }) ?? true { best = (product, package) }
        } } }
        let expected = try #require(best)
        #expect(expected.package == [0, 0, 1])  // Pizza, DJ, Bar
        #expect(abs(expected.product - 0.33 * 0.875 * 0.3) < 1e-12)

        let result = try AccordExecutable.run(["solve", "--genius"] + GeniusFixtures.partyPaths() + ["--format", "json", "--solutions", "nash"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["parties"] as? [String] == ["party-alice", "party-bob", "party-carol"])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect(nash["package"] as? [String: String] == ["Food": "Pizza", "Music": "DJ", "Venue": "Bar"])
        let gains = try #require(nash["gains"] as? [Double])
        #expect(zip(gains, [0.33, 0.875, 0.3]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    // MARK: Integer and real issues

    /// `integer-*.xml`: an integer issue "Rental days" in 1...4 becomes options "1"..."4".
    /// genius.core `EvaluatorInteger`: v(x) = clamp(offset + slope · (x − lower), 0, 1):
    ///   renter  slope −0.25, offset 1:  1, 0.75, 0.5, 0.25
    ///   agency  slope 0.4, offset 0.2:  0.2, 0.6, 1, 1.4 → 1 (clamped)
    /// and the older GENIUS form v(x) = clamp(parameter1 · x + parameter0, 0, 1):
    ///   legacy  parameter1 0.5, parameter0 −0.5:  0, 0.5, 1, 1.5 → 1
    /// Integer evaluations are not divided by a maximum (GENIUS does not), only clamped.
    @Test func integerIssueBecomesOneOptionPerValue() throws {
        let scenario = try GeniusImport.load(
            domain: GeniusFixtures.path("integer-domain.xml"),
            profiles: ["integer-renter.xml", "integer-agency.xml", "integer-legacy.xml"].map(GeniusFixtures.path))
        #expect(scenario.issues[1] == Issue(id: "Rental_days", name: "Rental days", domain: .options(["1", "2", "3", "4"])))
        #expect(scenario.preferences.map { $0.values[1] } == [
            .table([1, 0.75, 0.5, 0.25]),
            .table([0.2, 0.6, 1, 1]),
            .table([0, 0.5, 1, 1]),
        ])
        // The discrete issue next to it: 3/6 → 0.5, 6/6 → 1; 10/10 → 1, 5/10 → 0.5; 1/1, 1/1.
        #expect(scenario.preferences.map { $0.values[0] } == [.table([0.5, 1]), .table([1, 0.5]), .table([1, 1])])
        #expect(scenario.preferences.map(\.weights) == [[0.4, 0.6], [0.5, 0.5], [0.2, 0.8]])
        #expect(scenario.parties.map(\.reservation) == [0, 0.3, 0])
    }

    /// The integer domain solves like any discrete scenario. By hand (renter, agency), d = (0, 0.3):
    /// (Van, 2 days) gives renter 0.4·1 + 0.6·0.75 = 0.85, agency 0.5·0.5 + 0.5·0.6 = 0.55, Nash
    /// product 0.85 · 0.25 = 0.2125; (Compact, 2) gives 0.65 · 0.5 = 0.325; (Compact, 3) 0.5 · 0.7
    /// = 0.35; (Van, 3) 0.7 · 0.45 = 0.315; (Compact, 4) 0.35 · 0.7 = 0.245: Nash is (Compact, 3).
    @Test func integerDomainSolves() throws {
        let paths = try ["integer-domain.xml", "integer-renter.xml", "integer-agency.xml"].map(GeniusFixtures.path)
        let result = try AccordExecutable.run(["solve", "--genius"] + paths + ["--format", "json", "--solutions", "nash"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect(nash["package"] as? [String: String] == ["Car": "Compact", "Rental_days": "3"])
        #expect(nash["utilities"] as? [Double] == [0.5, 1])
    }

    /// `real-*.xml`: a real issue "Price" in [10, 20] becomes a range issue whose piecewise-linear
    /// value function equals the GENIUS `EvaluatorReal` on the range:
    ///   buyer   linear 2 − 0.1 x:             (10, 1), (20, 0)
    ///   seller  linear 0.1 x − 1.5, clamped:  (10, 0), (15, 0), (20, 0.5)   (0 below x = 15)
    ///   broker  triangular 12 / top 16 / 18:  (10, 0), (12, 0), (16, 1), (18, 0), (20, 0)
    @Test func realIssueBecomesARangeWithPiecewiseLinearValues() throws {
        let scenario = try GeniusImport.load(
            domain: GeniusFixtures.path("real-domain.xml"),
            profiles: ["real-buyer.xml", "real-seller.xml", "real-broker.xml"].map(GeniusFixtures.path))
        #expect(scenario.issues[1] == Issue(id: "Price", domain: .range(lower: 10, upper: 20)))
        func points(_ pairs: [(Double, Double)]) -> ValueFunction { .piecewise(pairs.map { .init(x: $0.0, value: $0.1) }) }
        #expect(scenario.preferences.map { $0.values[1] } == [
            points([(10, 1), (20, 0)]),
            points([(10, 0), (15, 0), (20, 0.5)]),
            points([(10, 0), (12, 0), (16, 1), (18, 0), (20, 0)]),
        ])
        #expect(scenario.preferences[1].values[0] == .table([0.25, 1]))
    }

    /// A real issue is a range, solved exactly. By hand (weights and values from the import
    /// above): with Brand B, the buyer gets 0.15 + 0.07 (20 − p) and the seller 0.5 + 0.05 (p − 15)
    /// above p = 15 (0.5 below: its price value is flat there, so not concave — the solver
    /// splits the range at 15). Below 15 the buyer's best is p = 10: (0.85, 0.5), product 0.425;
    /// above, the product 0.25 at p = 15 falls (derivative −0.01 − 0.007 q). Brand A peaks at
    /// q = 3.39 with 0.4125 · 0.2946 = 0.122, or (1, 0.125) at p = 10. So Nash is Brand B at 10.
    @Test func aRealIssueIsSolvedAsARange() throws {
        let paths = try ["real-domain.xml", "real-buyer.xml", "real-seller.xml"].map(GeniusFixtures.path)
        let result = try AccordExecutable.run(["solve", "--genius"] + paths + ["--solutions", "nash", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in [#""Brand": "B""#, #""Price": 10"#, #""utilities": [0.85, 0.5]"#, #""nash_product": 0.425"#] {
            #expect(result.stdout.contains(text), "\(result.stdout)")
        }
    }

    // MARK: Round trips

    /// Import → YAML (and JSON) → `Scenario.parse` gives the imported scenario back, exactly.
    @Test(arguments: GeniusFixtures.sets)
    func importRoundTripsThroughYAMLAndJSON(_ files: [String]) throws {
        let paths = try files.map(GeniusFixtures.path)
        let scenario = try GeniusImport.load(domain: paths[0], profiles: Array(paths.dropFirst()))
        let yaml = try Scenario.parse(data: Data(scenario.yaml.utf8), file: "imported.yaml", format: .yaml)
        #expect(yaml == scenario)
        let json = try Scenario.parse(data: Data(scenario.jsonDocument.rendered().utf8), file: "imported.json", format: .json)
        #expect(json == scenario)
    }

    /// `accord import genius -o` writes the scenario, and `solve --genius` / `frontier --genius`
    /// give the same results as `solve` / `frontier` on the written file.
    @Test(arguments: [GeniusFixtures.sets[0], GeniusFixtures.sets[1], GeniusFixtures.jobOffer])
    func geniusOptionAgreesWithTheImportedFile(_ files: [String]) throws {
        let paths = try files.map(GeniusFixtures.path)
        let directory = try temporaryDirectory()
        let yaml = directory.appendingPathComponent("imported.yaml").path
        let imported = try AccordExecutable.run(["import", "genius"] + paths + ["-o", yaml])
        #expect(imported.status == 0 && imported.stdout.isEmpty, "\(imported.stderr)")
        #expect(try Scenario.load(path: yaml) == GeniusImport.load(domain: paths[0], profiles: Array(paths.dropFirst())))

        let direct = try AccordExecutable.run(["solve", "--genius"] + paths + ["--format", "json"])
        let viaFile = try AccordExecutable.run(["solve", yaml, "--format", "json"])
        #expect(direct.status == 0 && viaFile.status == 0, "\(direct.stderr) \(viaFile.stderr)")
        #expect(try withoutStats(direct.stdout) == withoutStats(viaFile.stdout))

        let frontier = try AccordExecutable.run(["frontier", "--genius"] + paths + ["--format", "csv"])
        let frontierViaFile = try AccordExecutable.run(["frontier", yaml, "--format", "csv"])
        #expect(frontier.status == 0 && frontier.stdout == frontierViaFile.stdout && !frontier.stdout.isEmpty)
    }

    /// Without `-o` the YAML goes to stdout; `-o x.json` writes JSON.
    @Test func importWritesYAMLToStdoutAndJSONByExtension() throws {
        let paths = try GeniusFixtures.partyPaths()
        let scenario = try GeniusImport.load(domain: paths[0], profiles: Array(paths.dropFirst()))
        let stdout = try AccordExecutable.run(["import", "genius"] + paths)
        #expect(stdout.status == 0)
        #expect(stdout.stdout == scenario.yaml)

        let directory = try temporaryDirectory()
        let json = directory.appendingPathComponent("party.json")
        let written = try AccordExecutable.run(["import", "genius"] + paths + ["-o", json.path])
        #expect(written.status == 0)
        #expect(try String(contentsOf: json, encoding: .utf8) == scenario.jsonDocument.rendered())
    }

    /// The sample of `Data/genius/job-offer`: `solve --genius` gives the Nash agreement that the
    /// independent brute-force oracle finds (all its numbers have at most four decimals).
    @Test func jobOfferSampleSolvesToTheBruteForceNash() throws {
        let paths = try GeniusFixtures.jobOffer.map(GeniusFixtures.path)
        let scenario = try GeniusImport.load(domain: paths[0], profiles: Array(paths.dropFirst()))
        #expect(scenario.parties.map(\.id) == ["employer", "candidate"])
        #expect(scenario.parties.map(\.discount) == [0.95, 0.9])
        #expect(scenario.issues.map(\.id) == ["Salary", "Remote_days", "Start", "Role", "Signing_bonus"])
        // Candidate: 0.2 + 0.3 per remote day, clamped at 1 from three days on.
        #expect(scenario.preferences[1].values[1] == .table([0.2, 0.5, 0.8, 1, 1]))

        let oracle = try #require(BruteForce(scenario).solution(.nash))
        let expected = Dictionary(uniqueKeysWithValues: zip(scenario.issues, oracle.package).map { issue, option in
            (issue.id, issue.options?[option] ?? "")
        })
        let result = try AccordExecutable.run(["solve", "--genius"] + paths + ["--format", "json", "--solutions", "nash"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nash = try #require((document["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect(nash["package"] as? [String: String] == expected)
    }

    // MARK: Library errors: element path and line

    @Test func problemsCarryFileElementPathAndLine() throws {
        let alice = try GeniusFixtures.edited("party-alice.xml", #"value="Tapas" evaluation="2""#, #"value="Tapas" evaluation="-2""#)
        let files = try [GeniusFixtures.file("party-domain.xml"), GeniusImport.File(path: "dir/alice.xml", data: alice), GeniusFixtures.file("party-bob.xml")]
        #expect(throws: ScenarioError.invalid([ScenarioIssue(
            file: "alice.xml", path: "utility_space.objective.issue[1].item[3]@evaluation", line: 8,
            message: "evaluation must be >= 0, found -2")])) {
            try GeniusImport.scenario(domain: files[0], profiles: Array(files.dropFirst()))
        }
    }

    /// Every problem of every profile is reported, not only the first.
    @Test func everyProblemIsReported() throws {
        var alice = try GeniusFixtures.edited("party-alice.xml", #"<weight index="2" value="0.2"/>"#, "")
        alice = Data(String(decoding: alice, as: UTF8.self).replacingOccurrences(of: #"value="Tapas""#, with: #"value="Paella""#).utf8)
        let bob = try GeniusFixtures.edited("party-bob.xml", #"<weight index="1" value="0.25"/>"#, #"<weight index="1" value="-1"/>"#)
        do {
            _ = try GeniusImport.scenario(
                domain: GeniusFixtures.file("party-domain.xml"),
                profiles: [GeniusImport.File(path: "alice.xml", data: alice), GeniusImport.File(path: "bob.xml", data: bob)])
            Testing.Issue.record("the import should fail")
        } catch let error as ScenarioError {
            guard case .invalid(let problems) = error else { Testing.Issue.record("\(error)"); return }
            #expect(problems.map(\.description) == [
                "alice.xml:4: utility_space.objective: missing <weight index=\"2\"> for issue 'Music'",
                "alice.xml:8: utility_space.objective.issue[1].item[3]@value: unknown item 'Paella' of issue 'Food'; domain items: Pizza, Sushi, Tapas",
                "bob.xml:19: utility_space.objective.weight[1]@value: weight must be >= 0, found -1",
            ])
        }
    }

    /// Every additive domain of the shared ANAC corpus reads and solves: the 72 bilateral ANAC
    /// 2012 domains and the 14 multilateral ANAC 2015 ones with all their 3–9 profiles (skipped
    /// where the corpus is absent, as in a user's clone).
    @Test(.enabled(if: AnacCorpus.isPresent, "the shared ANAC corpus (../shared/anac) is absent"))
    func sharedAdditiveCorpusSolves() throws {
        var solved: [String: Int] = [:]
        for year in ["y2012", "y2015"] {
            for (folder, domain, profiles) in try AnacCorpus.folders(year) {
                let scenario = try GeniusImport.load(domain: domain.path, profiles: profiles.map(\.path))
                let report = Solver.solve(try BargainingProblem(scenario, file: folder, concepts: [.nash]))
                #expect(report.solutions.contains { $0.concept == .nash }, "\(year)/\(folder)")
                solved[year, default: 0] += 1
            }
        }
        #expect(solved == ["y2012": 72, "y2015": 14], "\(solved)")
    }

    /// A domain's issue name of 100,000 characters that a profile names otherwise: the message
    /// quotes an excerpt of each name, not the whole (the fuzzer found an 8 MB message when the
    /// domain's name was written out in full).
    @Test func aLongDomainNameIsQuotedAsAnExcerpt() throws {
        let long = String(repeating: "Food ", count: 20_000)
        let domain = try GeniusFixtures.edited("party-domain.xml", #"name="Food""#, "name=\"\(long)\"")
        #expect {
            _ = try GeniusImport.scenario(
                domain: GeniusImport.File(path: "party-domain.xml", data: domain),
                profiles: [GeniusFixtures.file("party-alice.xml"), GeniusFixtures.file("party-bob.xml")])
        } throws: { error in
            let text = "\(error)"
            return text.contains("is named 'Food' here but 'Food Food") && text.utf8.count < 4_000
        }
    }

    /// A profile that says it is nonlinear (ANAC 2014: utility from hyper-rectangle constraints)
    /// is read as one (`GeniusNonlinearTests`), not as an additive profile with missing weights:
    /// this additive body has no `<utility>` with hyper-rectangles, and that is what is said.
    @Test func nonlinearUtilitySpaceIsRefusedByName() throws {
        let bob = try GeniusFixtures.edited("party-bob.xml", "<utility_space>", #"<utility_space type="nonlinear">"#)
        #expect {
            _ = try GeniusImport.scenario(
                domain: GeniusFixtures.file("party-domain.xml"),
                profiles: [GeniusFixtures.file("party-alice.xml"), GeniusImport.File(path: "bob.xml", data: bob)])
        } throws: { error in
            let text = "\(error)"
            return text.contains("bob.xml:") && text.contains("utility_space: a nonlinear utility space needs a <utility maxutility=")
                && !text.contains("missing <weight")
        }
    }

    /// An issue whose every evaluation is 0 is valid GENIUS: its normalizer returns 0 for every
    /// item when the largest evaluation is below 0.00001 (`EvaluatorDiscrete.normalize`), so the
    /// issue contributes nothing. It imports as a table of zeros, and `solve` and `validate`
    /// warn, naming the party and the issue (ANAC 2015's group4-zoning_plan has such profiles).
    @Test func issueWhoseEvaluationsAreAllZeroContributesNothing() throws {
        let bob = try GeniusFixtures.edited(
            "party-bob.xml", #"evaluation="40"/>\#n      <item index="2" value="Live band" evaluation="10"/>"#,
            #"evaluation="0"/>\#n      <item index="2" value="Live band" evaluation="0.0"/>"#)
        let scenario = try GeniusImport.scenario(
            domain: GeniusFixtures.file("party-domain.xml"),
            profiles: [GeniusFixtures.file("party-alice.xml"), GeniusImport.File(path: "bob.xml", data: bob)])
        let music = try #require(scenario.issueIndex("Music"))
        #expect(scenario.preferences[1].values[music] == .table([0, 0]))
        #expect(scenario.warnings.contains(.issueContributesNothing(party: scenario.parties[1].id, issue: "Music")))
        let directory = try temporaryDirectory()
        try bob.write(to: directory.appendingPathComponent("bob.xml"))
        for name in ["party-domain.xml", "party-alice.xml"] {
            try GeniusFixtures.data(name).write(to: directory.appendingPathComponent(name))
        }
        let result = try AccordExecutable.run(["solve", "--genius", "party-domain.xml", "party-alice.xml", "bob.xml"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("every value of issue 'Music' is 0, so its weight counts for nothing"), "\(result.stderr)")
    }

    @Test func fewerThanTwoProfilesIsInvalid() throws {
        #expect(throws: ScenarioError.self) {
            try GeniusImport.scenario(domain: GeniusFixtures.file("party-domain.xml"), profiles: [GeniusFixtures.file("party-bob.xml")])
        }
    }

    /// Ids come from names made safe: other characters become `_`, duplicates get `_2`.
    @Test func idsAreSanitizedAndUnique() throws {
        let domain = Data("""
            <negotiation_template><utility_space><objective index="0" name="Ids">
              <issue index="1" name="Wine &amp; cheese" type="discrete"><item value="yes"/><item value="no"/></issue>
              <issue index="2" name="Wine / cheese" type="discrete"><item value="yes"/><item value="no"/></issue>
              <issue index="3" name="€€" type="discrete"><item value="yes"/><item value="no"/></issue>
            </objective></utility_space></negotiation_template>
            """.utf8)
        let profile = Data("""
            <utility_space><objective index="0">
              <issue index="1"><item value="yes" evaluation="1"/><item value="no" evaluation="0"/></issue>
              <issue index="2"><item value="yes" evaluation="1"/><item value="no" evaluation="0"/></issue>
              <issue index="3"><item value="yes" evaluation="1"/><item value="no" evaluation="0"/></issue>
              <weight index="1" value="1"/><weight index="2" value="1"/><weight index="3" value="1"/>
            </objective></utility_space>
            """.utf8)
        let scenario = try GeniusImport.scenario(
            domain: GeniusImport.File(path: "ids.xml", data: domain),
            profiles: [GeniusImport.File(path: "a/Ann Lee.xml", data: profile), GeniusImport.File(path: "b/Ann Lee.xml", data: profile)])
        #expect(scenario.issues.map(\.id) == ["Wine_cheese", "Wine_cheese_2", "issue3"])
        #expect(scenario.issues.map(\.name) == ["Wine & cheese", "Wine / cheese", "€€"])
        #expect(scenario.parties.map(\.id) == ["Ann_Lee", "Ann_Lee_2"])
        #expect(scenario.parties.map(\.name) == ["Ann Lee", "Ann Lee"])
        #expect(try Scenario.parse(data: Data(scenario.yaml.utf8), file: "ids.yaml", format: .yaml) == scenario)
    }

    /// A weight given to the root objective is ignored (GENIUS ignores objective weights); an
    /// integer range too large to list one option per value is an error, not a crash.
    @Test func objectiveWeightsAreIgnoredAndHugeIntegerRangesAreRejected() throws {
        func domain(_ bounds: String) -> GeniusImport.File {
            GeniusImport.File(path: "d.xml", data: Data("""
                <negotiation_template><utility_space><objective index="0" name="Range">
                  <issue index="1" name="n" type="integer" \(bounds)/>
                </objective></utility_space></negotiation_template>
                """.utf8))
        }
        let profile = GeniusImport.File(path: "p.xml", data: Data("""
            <utility_space><objective index="0">
              <weight index="0" value="1"/>
              <issue index="1" type="integer"><evaluator ftype="linear" slope="0.5" offset="0"/></issue>
              <weight index="1" value="0.8"/>
            </objective></utility_space>
            """.utf8))
        let scenario = try GeniusImport.scenario(domain: domain(#"lowerbound="0" upperbound="2""#), profiles: [profile, profile])
        #expect(scenario.preferences[0].weights == [0.8])
        #expect(scenario.preferences[0].values == [.table([0, 0.5, 1])])

        let huge = domain(#"lowerbound="-9223372036854775807" upperbound="9223372036854775807""#)
        #expect(throws: ScenarioError.self) { try GeniusImport.scenario(domain: huge, profiles: [profile, profile]) }
        do {
            _ = try GeniusImport.scenario(domain: huge, profiles: [profile, profile])
        } catch {
            #expect(error.description.contains("d.xml:2: negotiation_template.utility_space.objective.issue@upperbound: integer issue 'n' has"))
        }
    }

    // MARK: CLI errors: exit codes and element paths

    @Test(arguments: GeniusErrorCase.all)
    func cliErrors(_ item: GeniusErrorCase) throws {
        let directory = try temporaryDirectory()
        for (name, data) in try item.files() {
            try data.write(to: directory.appendingPathComponent(name))
        }
        for command in item.commands {
            let result = try AccordExecutable.run(command, in: directory)
            #expect(result.status == item.status, "\(command): stderr \(result.stderr)")
            for text in item.stderr {
                #expect(result.stderr.contains(text), "\(command): stderr lacks \"\(text)\": \(result.stderr)")
            }
            for crash in ["Fatal error", "Backtrac", "internal error"] {
                #expect(!result.stderr.contains(crash), "\(command): \(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.yaml").path), "\(command) wrote -o")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.json").path), "\(command) wrote -o")
        }
    }

    // MARK: Helpers

    /// A `solve --format json` document without its `stats` (timings differ between runs).
    private func withoutStats(_ text: String) throws -> NSDictionary {
        var document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        document["stats"] = nil
        return document as NSDictionary
    }
}

/// The files of `Fixtures/genius` (bundled with the tests) and `Data/genius`.
enum GeniusFixtures {
    /// Domain first, then profiles.
    static let sets: [[String]] = [
        ["party-domain.xml", "party-alice.xml", "party-bob.xml", "party-carol.xml"],
        ["integer-domain.xml", "integer-renter.xml", "integer-agency.xml", "integer-legacy.xml"],
        ["real-domain.xml", "real-buyer.xml", "real-seller.xml", "real-broker.xml"],
    ]
    static let jobOffer = ["job-offer/domain.xml", "job-offer/employer.xml", "job-offer/candidate.xml"]

    static func path(_ name: String) throws -> String {
        if name.hasPrefix("job-offer/") { return Repository.data("genius/\(name)") }
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent("genius").appendingPathComponent(name).path
    }

    static func partyPaths() throws -> [String] { try sets[0].map(path) }

    static func party() throws -> Scenario {
        let paths = try partyPaths()
        return try GeniusImport.load(domain: paths[0], profiles: Array(paths.dropFirst()))
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }

    static func file(_ name: String) throws -> GeniusImport.File { try GeniusImport.File(path: name, data: data(name)) }

    /// The fixture with `old` (which must occur) replaced by `new`.
    static func edited(_ name: String, _ old: String, _ new: String) throws -> Data {
        let text = String(decoding: try data(name), as: UTF8.self)
        try #require(text.contains(old), "'\(old)' is not in \(name)")
        return Data(text.replacingOccurrences(of: old, with: new).utf8)
    }
}

/// A run of the executable on edited fixtures that must fail with `status` and say `stderr`.
struct GeniusErrorCase: Sendable, CustomTestStringConvertible {
    /// How to make one file of the case: a fixture, edited.
    struct Edit: Sendable {
        var file: String
        var fixture: String
        var old: String?
        var new: String
    }

    var name: String
    var edits: [Edit]
    /// Each command runs in a directory holding the edited files.
    var commands: [[String]]
    var status: Int32
    var stderr: [String]
    var testDescription: String { name }

    func files() throws -> [(String, Data)] {
        try edits.map { edit in
            guard let old = edit.old else { return (edit.file, Data(edit.new.utf8)) }
            return (edit.file, try GeniusFixtures.edited(edit.fixture, old, edit.new))
        }
    }

    /// The party domain with Alice, Bob (and Carol) as profiles; `fixture` edited to `file`.
    /// Both `import genius -o out.yaml` and `solve --genius -o out.json` must fail.
    private static func party(_ name: String, _ fixture: String, _ old: String, _ new: String, status: Int32 = 65, _ stderr: String...) -> GeniusErrorCase {
        var files = ["party-domain.xml", "party-alice.xml", "party-bob.xml"]
        let edited = "edited-" + fixture
        files[files.firstIndex(of: fixture) ?? 0] = edited
        let edits = [Edit(file: edited, fixture: fixture, old: old, new: new)]
            + files.filter { $0 != edited }.map { Edit(file: $0, fixture: $0, old: "<", new: "<") }
        return GeniusErrorCase(
            name: name, edits: edits,
            commands: [["import", "genius"] + files + ["-o", "out.yaml"], ["solve", "--genius"] + files + ["-o", "out.json"]],
            status: status, stderr: stderr.map { "error: \(edited)" + $0 })
    }

    private static func usage(_ name: String, _ arguments: [String], _ message: String) -> GeniusErrorCase {
        let files = ["party-domain.xml", "party-alice.xml", "party-bob.xml"]
        return GeniusErrorCase(
            name: name, edits: files.map { Edit(file: $0, fixture: $0, old: "<", new: "<") } + [Edit(file: "ok.yaml", fixture: "", old: nil, new: "accord: 1\n")],
            commands: [arguments + ["-o", "out.json"]], status: 64, stderr: [message])
    }

    static let all: [GeniusErrorCase] = [
        party("malformed profile XML", "party-alice.xml", "</issue>", "</isue>",
              ":9: malformed XML: a closing tag does not match the open element"),
        party("malformed domain XML", "party-domain.xml", "</negotiation_template>", "",
              ":23: malformed XML: the document ends early (an element is not closed)"),
        party("not XML at all", "party-bob.xml", "<?xml", "just text <?xml",
              ":1: malformed XML: the file is empty or not XML"),
        party("missing weight", "party-alice.xml", #"<weight index="2" value="0.2"/>"#, "",
              ":4: utility_space.objective: missing <weight index=\"2\"> for issue 'Music'"),
        party("negative weight", "party-alice.xml", #"<weight index="2" value="0.2"/>"#, #"<weight index="2" value="-0.2"/>"#,
              ":15: utility_space.objective.weight[2]@value: weight must be >= 0, found -0.2"),
        party("NaN weight", "party-alice.xml", #"<weight index="2" value="0.2"/>"#, #"<weight index="2" value="NaN"/>"#,
              ":15: utility_space.objective.weight[2]@value: expected a finite number, found 'NaN'"),
        party("weight for an unknown issue", "party-bob.xml", #"<weight index="3" value="0.25"/>"#, #"<weight index="9" value="0.25"/>"#,
              ":21: utility_space.objective.weight[3]@index: weight for index 9, which is no issue of the domain",
              ":4: utility_space.objective: missing <weight index=\"3\"> for issue 'Venue'"),
        party("negative evaluation", "party-alice.xml", #"value="Tapas" evaluation="2""#, #"value="Tapas" evaluation="-2""#,
              ":8: utility_space.objective.issue[1].item[3]@evaluation: evaluation must be >= 0, found -2"),
        party("NaN evaluation", "party-alice.xml", #"value="Tapas" evaluation="2""#, #"value="Tapas" evaluation="nan""#,
              ":8: utility_space.objective.issue[1].item[3]@evaluation: expected a finite number, found 'nan'"),
        party("missing evaluation", "party-alice.xml", #"value="Tapas" evaluation="2""#, #"value="Tapas""#,
              ":8: utility_space.objective.issue[1].item[3]@evaluation: missing evaluation of item 'Tapas'"),
        party("item not in the domain", "party-alice.xml", #"value="Tapas""#, #"value="Paella""#,
              ":8: utility_space.objective.issue[1].item[3]@value: unknown item 'Paella' of issue 'Food'"),
        party("domain item without evaluation", "party-alice.xml", #"<item index="3" value="Tapas" evaluation="2"/>"#, "",
              ":5: utility_space.objective.issue[1]: missing evaluation of item 'Tapas' of issue 'Food'"),
        party("issue not in the domain", "party-alice.xml", #"<issue index="3""#, #"<issue index="7""#,
              ":16: utility_space.objective.issue[3]@index: no issue with index 7 in the domain",
              ":4: utility_space.objective: missing <issue index=\"3\"> with the evaluations of issue 'Venue'"),
        party("issue named differently", "party-alice.xml", #"name="Venue""#, #"name="Place""#,
              ":16: utility_space.objective.issue[3]@name: issue 3 is named 'Place' here but 'Venue' in the domain"),
        party("issue typed differently", "party-bob.xml", #"name="Music" type="discrete""#, #"name="Music" type="integer""#,
              ":10: utility_space.objective.issue[2]@type: issue 'Music' has type 'integer' here but 'discrete' in the domain"),
        party("unknown issue type", "party-domain.xml", #"name="Music" type="discrete""#, #"name="Music" type="boolean""#,
              ":11: negotiation_template.utility_space.objective.issue[2]@type: unknown issue type 'boolean' of issue 'Music'"),
        party("duplicate domain item", "party-domain.xml", #"value="Sushi""#, #"value="Pizza""#,
              ":8: negotiation_template.utility_space.objective.issue[1].item[2]@value: duplicate option 'Pizza'"),
        party("not a GENIUS file", "party-bob.xml", "utility_space>", "profile>",
              ":3: profile: expected a GENIUS profile file with a <utility_space> element, found <profile>"),
        party("discount factor above 1", "party-alice.xml", #"<discount_factor value="0.9"/>"#, #"<discount_factor value="1.5"/>"#,
              ":24: utility_space.discount_factor@value: discount factor must be in [0, 1]"),
        party("reservation not a number", "party-alice.xml", #"<reservation value="0.4"/>"#, #"<reservation value="high"/>"#,
              ":23: utility_space.reservation@value: expected a number, found 'high'"),
        GeniusErrorCase(
            name: "integer evaluator that is not linear",
            edits: [
                Edit(file: "domain.xml", fixture: "integer-domain.xml", old: "<", new: "<"),
                Edit(file: "renter.xml", fixture: "integer-renter.xml", old: #"ftype="linear""#, new: #"ftype="exponential""#),
                Edit(file: "agency.xml", fixture: "integer-agency.xml", old: "<", new: "<"),
            ],
            commands: [["import", "genius", "domain.xml", "renter.xml", "agency.xml", "-o", "out.yaml"]], status: 65,
            stderr: ["error: renter.xml:10: utility_space.objective.issue[2].evaluator@ftype: unsupported evaluator 'exponential' of integer issue 'Rental days'"]),
        GeniusErrorCase(
            name: "profile bounds differ from the domain",
            edits: [
                Edit(file: "domain.xml", fixture: "integer-domain.xml", old: "<", new: "<"),
                Edit(file: "renter.xml", fixture: "integer-renter.xml", old: #"lowerbound="1" upperbound="4""#, new: #"lowerbound="1" upperbound="5""#),
                Edit(file: "agency.xml", fixture: "integer-agency.xml", old: "<", new: "<"),
            ],
            commands: [["import", "genius", "domain.xml", "renter.xml", "agency.xml", "-o", "out.yaml"]], status: 65,
            stderr: ["error: renter.xml:9: utility_space.objective.issue[2]@upperbound: bounds [1, 5] of issue 'Rental days' differ from the domain's [1, 4]"]),
        GeniusErrorCase(
            name: "triangular evaluator out of order",
            edits: [
                Edit(file: "domain.xml", fixture: "real-domain.xml", old: "<", new: "<"),
                Edit(file: "buyer.xml", fixture: "real-buyer.xml", old: "<", new: "<"),
                Edit(file: "broker.xml", fixture: "real-broker.xml", old: #"parameter2="16""#, new: #"parameter2="19""#),
            ],
            commands: [["import", "genius", "domain.xml", "buyer.xml", "broker.xml", "-o", "out.yaml"]], status: 65,
            stderr: ["error: broker.xml:10: utility_space.objective.issue[2].evaluator@parameter2: triangular evaluator needs parameter0 < parameter2 < parameter1"]),
        GeniusErrorCase(
            name: "missing domain file", edits: [Edit(file: "a.xml", fixture: "party-alice.xml", old: "<", new: "<")],
            commands: [["import", "genius", "nowhere.xml", "a.xml", "a.xml", "-o", "out.yaml"], ["solve", "--genius", "nowhere.xml", "a.xml", "a.xml", "-o", "out.json"]],
            status: 66, stderr: ["error: nowhere.xml: no such file"]),
        GeniusErrorCase(
            name: "missing profile file", edits: [Edit(file: "d.xml", fixture: "party-domain.xml", old: "<", new: "<")],
            commands: [["import", "genius", "d.xml", "gone.xml", "d.xml", "-o", "out.yaml"], ["frontier", "--genius", "d.xml", "gone.xml", "d.xml", "-o", "out.json"]],
            status: 66, stderr: ["error: gone.xml: no such file"]),
        usage("one profile to solve", ["solve", "--genius", "party-domain.xml", "party-alice.xml"],
              "--genius needs the domain file and at least two profiles, found 2 files"),
        usage("scenario and --genius", ["solve", "ok.yaml", "--genius", "party-domain.xml", "party-alice.xml", "party-bob.xml"],
              "give either a scenario file or --genius"),
        usage("neither scenario nor --genius", ["frontier"], "Missing expected argument '<scenario>'"),
        usage("one profile to import", ["import", "genius", "party-domain.xml", "party-alice.xml"],
              "give the domain file and at least two profiles, found 1 profile"),
        usage("import without files", ["import", "genius"], "Missing expected argument '<domain>'"),
    ]
}
