import Accord
import Foundation
import Testing

/// Successful runs of the `accord` executable: output shapes of DESIGN.md §2.1 on real files.
@Suite struct CLITests {
    @Test func solveJSONCarriesContractKeysAndNashOfBillJack() throws {
        let result = try AccordExecutable.run(["solve", Repository.data("bill-jack.yaml"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["parties"] as? [String] == ["Bill", "Jack"])
        #expect(document["disagreement"] as? [Double] == [12, 6])
        let space = try #require(document["outcome_space"] as? [String: Any])
        #expect(space["packages"] as? Int == 512)
        let solutions = try #require(document["solutions"] as? [String: Any])
        #expect(Set(solutions.keys) == ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"])
        let nash = try #require(solutions["nash"] as? [String: Any])
        #expect(nash["gains"] as? [Double] == [12, 5])
        #expect(nash["nash_product"] as? Double == 60)
        let package = try #require(nash["package"] as? [String: String])
        #expect(package["pen"] == "Bill" && package["book"] == "Jack")
        #expect(((document["stats"] as? [String: Any])?["method"] as? String) == "pareto-sum")
    }

    @Test func frontierCSVHasHeaderAndOneRowPerPoint() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("frontier.csv").path
        let result = try AccordExecutable.run(["frontier", Repository.data("bill-jack.yaml"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "Bill,Jack,book,whip,ball,bat,box,pen,toy,knife,hat")
        // Bill's utility descends down the rows; Nash's point (24, 11) is among them.
        let firsts = lines.dropFirst().compactMap { Double($0.split(separator: ",")[0]) }
        #expect(firsts == firsts.sorted(by: >) && firsts.count == lines.count - 1)
        #expect(lines.contains { $0.hasPrefix("24,11,Jack,Jack,Jack,Jack,Bill,Bill,Bill,Bill,Jack") })
    }

    @Test func solveAndEnumerationMethodAgreeOnBlueHarbor() throws {
        let fast = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--format", "json"])
        let brute = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--format", "json", "--method", "enumeration"])
        #expect(fast.status == 0 && brute.status == 0)
        let a = try #require(try JSONSerialization.jsonObject(with: Data(fast.stdout.utf8)) as? [String: Any])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(brute.stdout.utf8)) as? [String: Any])
        #expect((a["solutions"] as? NSDictionary) == (b["solutions"] as? NSDictionary))
        #expect((a["frontier"] as? NSDictionary) == (b["frontier"] as? NSDictionary))
    }

    @Test func textAndMarkdownNameEverySolution() throws {
        for format in ["text", "md"] {
            let result = try AccordExecutable.run(["solve", Repository.data("blue-harbor-discrete.yaml"), "--format", format])
            #expect(result.status == 0)
            for title in ["Nash", "Kalai–Smorodinsky", "Egalitarian", "Utilitarian", "Pareto frontier"] {
                #expect(result.stdout.contains(title), "\(format) output lacks \(title)")
            }
        }
    }

    @Test func generateIsDeterministicAndLoadable() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("a.yaml").path, second = directory.appendingPathComponent("b.yaml").path
        for path in [first, second] {
            let result = try AccordExecutable.run(["generate", "--parties", "3", "--issues", "4", "--options", "5", "--seed", "9", "-o", path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8))
        let scenario = try Scenario.load(path: first)
        #expect(scenario.parties.count == 3 && scenario.issues.count == 4 && scenario.issues.allSatisfy { $0.options?.count == 5 })
        let solved = try AccordExecutable.run(["solve", first, "--format", "json"])
        #expect(solved.status == 0)
    }

    /// A group of issues tied together by interactions is enumerated whole; past the limit the run
    /// is refused with the group's size and the limit (exit 65), never left to hang.
    @Test func oversizedEnumerationIsRefusedWithSizeAndLimit() throws {
        let directory = try temporaryDirectory()
        let path = try writeTiedScenario(in: directory)
        let output = directory.appendingPathComponent("out.json").path
        for command in ["solve", "frontier"] {
            let refused = try AccordExecutable.run([command, path, "--max-enumeration", "1e5", "-o", output])
            #expect(refused.status == 65, "\(command): \(refused.stderr)")
            #expect(refused.stderr.contains("one group of 1,000,000 packages") && refused.stderr.contains("limit is 100,000"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
        let brute = try AccordExecutable.run(["solve", path, "--method", "enumeration", "--max-enumeration", "1e5"])
        #expect(brute.status == 65 && brute.stderr.contains("exceeds the limit of 100,000"), "\(brute.stderr)")
        let allowed = try AccordExecutable.run(["solve", path, "--format", "json", "--quiet"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let stats = try #require((try JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: Any])?["stats"] as? [String: Any])
        #expect(stats["frontier_points"] is Int && stats["peak_memory_mb"] is Double)
    }

    @Test func noAgreementZoneIsAResultWithAReason() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("none.yaml").path
        var scenario = try Repository.loadData("bill-jack.yaml")
        scenario.disagreement = .reservation
        scenario.parties[0].reservation = 100
        try scenario.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try AccordExecutable.run(["solve", path, "--format", "json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let solutions = try #require(document["solutions"] as? [String: Any])
        #expect(solutions.values.allSatisfy { $0 is NSNull })
        let reason = try #require(document["reason"] as? String)
        #expect(reason.contains("'Bill' can get at most 34 < d = 100"), "\(reason)")
    }

    // MARK: Options and output of issue 8

    /// Each command's `--help` offers the formats that command writes and no other (DESIGN.md §2:
    /// solve text|json|md, frontier text|json|csv, linkage text|json|md, dynamics text|json).
    @Test(arguments: [
        ("solve", "text, json, md"), ("frontier", "text, json, csv, svg"), ("linkage", "text, json, md"), ("dynamics", "text, json"),
    ])
    func helpListsOnlyTheFormatsOfTheCommand(_ command: String, _ formats: String) throws {
        let help = try AccordExecutable.run([command, "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(flattened(help.stdout).contains("--format <format> Output format"), "\(help.stdout)")
        #expect(flattened(help.stdout).contains("(values: \(formats))"), "\(help.stdout)")
    }

    /// `-o` takes the format its extension names when `--format` is absent: `.txt` text, `.md` and
    /// `.markdown` Markdown, `.json` JSON, `.csv` CSV. The expected first lines are the report
    /// headers written from Data/bill-jack.yaml by hand: its name, 2 parties, 9 issues.
    @Test(arguments: [
        ("solve", "result.txt", "Bill and Jack (Nash 1950) — 2 parties, 9 issues\n"),
        ("solve", "result.md", "# Bill and Jack (Nash 1950)\n"),
        ("solve", "result.markdown", "# Bill and Jack (Nash 1950)\n"),
        ("solve", "result.json", "{\n  \"scenario\": \"Bill and Jack (Nash 1950)\","),
        ("frontier", "frontier.txt", "Bill and Jack (Nash 1950): "),
        ("frontier", "frontier.csv", "Bill,Jack,book,"),
    ])
    func outputExtensionChoosesTheFormat(_ command: String, _ file: String, _ start: String) throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent(file).path
        let result = try AccordExecutable.run([command, Repository.data("bill-jack.yaml"), "-o", output, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasPrefix(start), "\(written.prefix(200))")
    }

    /// Party names appear near the top of solve's text and Markdown and of frontier's text. The
    /// legend is written by hand from the `name:` fields of Data/blue-harbor-discrete.yaml (A is Country A,
    /// B is Country B); Data/bill-jack.yaml names no party, so its reports have no legend.
    @Test func partyNamesAppearInTextAndMarkdown() throws {
        let named = Repository.data("blue-harbor-discrete.yaml")
        let legend = "Parties: A = Country A, B = Country B"
        let text = try AccordExecutable.run(["solve", named, "--format", "text"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.split(separator: "\n").dropFirst().first.map(String.init) == legend, "\(text.stdout)")
        let markdown = try AccordExecutable.run(["solve", named, "--format", "md"])
        let legendLine = try #require(markdown.stdout.range(of: "\n- \(legend)\n"), "\(markdown.stdout)")
        let table = try #require(markdown.stdout.range(of: "\n| |"))
        #expect(legendLine.lowerBound < table.lowerBound, "the legend must come before the table")
        let frontier = try AccordExecutable.run(["frontier", named, "--format", "text"])
        #expect(frontier.stdout.split(separator: "\n").dropFirst().first.map(String.init) == legend, "\(frontier.stdout)")
        for command in ["solve", "frontier"] {
            let anonymous = try AccordExecutable.run([command, Repository.data("bill-jack.yaml"), "--format", "text"])
            #expect(anonymous.status == 0 && !anonymous.stdout.contains("Parties:"), "\(anonymous.stdout)")
        }
    }

    /// `--max-enumeration` reads digits, scientific notation and powers: 100000, 1e5, 1E+5 and
    /// 10^5 are the same limit, 10^5 = 100,000, which the refusal of a group of 10^6 packages names.
    @Test(arguments: ["100000", "1e5", "1E+5", "10^5"])
    func maxEnumerationReadsDigitsScientificAndPowers(_ limit: String) throws {
        let directory = try temporaryDirectory()
        let path = try writeTiedScenario(in: directory)
        let refused = try AccordExecutable.run(["solve", path, "--max-enumeration", limit, "--format", "json"])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("one group of 1,000,000 packages") && refused.stderr.contains("limit is 100,000"), "\(refused.stderr)")
    }

    /// The default limit, 10^9 (SolverSettings' documentation), reads `1e9` in --help.
    @Test(arguments: ["solve", "frontier"])
    func helpShowsTheEnumerationDefaultAs1e9(_ command: String) throws {
        let help = flattened(try AccordExecutable.run([command, "--help"]).stdout)
        #expect(help.contains("(default: 1e9)"), "\(help)")
        #expect(!help.contains("1000000000"), "\(help)")
    }

    /// `accord --help` lists every exit code, 130 (interrupted: `Interruption` exits 130 on
    /// Ctrl-C) included, and the same codes as the README's "Exit codes" section. The expected
    /// list is DESIGN.md §2.3 (0, 64, 65, 66, 70, 74) plus 130.
    @Test func helpAndReadmeListTheSameExitCodes() throws {
        let help = try AccordExecutable.run(["--help"]).stdout
        let start = try #require(help.range(of: "Exit codes:"), "\(help)")
        let paragraph = String(help[start.upperBound...]).components(separatedBy: "\n\n")[0]
        let helpCodes = flattened(paragraph).components(separatedBy: ", ").compactMap(leadingCode)
        #expect(helpCodes == [0, 64, 65, 66, 70, 74, 130], "\(paragraph)")

        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### Exit codes\n"))
        let body = readme[section.upperBound...].components(separatedBy: "\n#")[0]
        let readmeCodes = flattened(body).components(separatedBy: "·").compactMap(leadingCode)
        #expect(readmeCodes == helpCodes, "\(body)")
    }

    // MARK: Helpers

    /// Writes a 6-issue × 10-option scenario whose interactions chain every issue to the next: one
    /// group of 10^6 packages that must be enumerated whole.
    private func writeTiedScenario(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("tied.yaml").path
        var generator = ScenarioGenerator()
        generator.issues = 6
        generator.options = 10
        var scenario = generator.generate()
        scenario.preferences[0].interactions = (0..<5).map {
            Interaction(when: [OptionChoice(issue: $0, option: 0), OptionChoice(issue: $0 + 1, option: 1)], value: 0.1)
        }
        try scenario.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs of whitespace (help text wraps at 80 columns) as one space.
    private func flattened(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The exit code a list item starts with: `64 usage error` → 64.
    private func leadingCode(_ item: String) -> Int? {
        Int(item.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
    }

    /// Six parties whose weights sum to 2: three warnings, then one line for the other three.
    @Test func manyWeightWarningsAreSummarized() throws {
        let directory = try temporaryDirectory()
        let parties = (1...6).map { "{id: P\($0)}" }.joined(separator: ", ")
        let preferences = (1...6).map { "  P\($0): {weights: {x: 2}, values: {x: {a: 0, b: 1}}}" }.joined(separator: "\n")
        let text = "accord: 1\nname: six\nparties: [\(parties)]\nissues:\n  - {id: x, options: [a, b]}\npreferences:\n\(preferences)\n"
        try text.write(to: directory.appendingPathComponent("six.yaml"), atomically: true, encoding: .utf8)
        let result = try AccordExecutable.run(["validate", "six.yaml"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stderr)")
        #expect(lines.last == "warning: six.yaml: and 3 more parties whose weights do not sum to 1")
    }
}
