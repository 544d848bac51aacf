import Accord
import Foundation
import Testing
@testable import AccordImport
@testable import AccordModel

/// ANAC 2014's nonlinear GENIUS profiles (`type="nonlinear"`, hyper-rectangles): read and
/// checked in full, every malformed part named with file, element path and line (exit 65); a
/// valid set is solved by `frontier` and `solve` (exact frontier, `RectangleFrontierTests`) and
/// reported as read by `validate`.
@Suite struct GeniusNonlinearTests {
    /// Two integer issues `a`, `b` (0–4) and a discrete one `c`.
    private static let domain = """
        <negotiation_template>
        <utility_space number_of_issues="3">
        <objective index="0" name="root" type="objective" etype="objective">
           <issue etype="integer" index="1" name="a" type="integer" vtype="integer" lowerbound="0" upperbound="4"/>
           <issue etype="integer" index="2" name="b" type="integer" vtype="integer" lowerbound="0" upperbound="4"/>
           <issue index="3" name="c" type="discrete" etype="discrete" vtype="discrete">
              <item index="1" value="x"/>
              <item index="2" value="y"/>
           </issue>
        </objective>
        </utility_space>
        </negotiation_template>
        """

    /// A profile whose second rectangle is `second` (line 10 of the file).
    private static func profile(second: String, aggregation: String = "sum") -> String {
        """
        <utility_space type="nonlinear">
        <objective index="0" name="root" type="objective" etype="objective">
        </objective>
        <utility maxutility="10">
           <ufun type="PlainUfun" weight="1" aggregation="\(aggregation)">
              <hyperRectangle utility="6">
                 <INCLUDES index="1" min="1" max="3"/>
              </hyperRectangle>
              <hyperRectangle utility="5" weight="2">
                 \(second)
              </hyperRectangle>
           </ufun>
        </utility>
        <reservation value="0.25"/>
        </utility_space>
        """
    }

    private func files(_ profile: String) throws -> [String] {
        let directory = try temporaryDirectory()
        let paths = ["domain.xml", "one.xml", "two.xml"].map { directory.appendingPathComponent($0).path }
        try Self.domain.write(toFile: paths[0], atomically: true, encoding: .utf8)
        try profile.write(toFile: paths[1], atomically: true, encoding: .utf8)
        try Self.profile(second: #"<EXCLUDES index="2" min="0" max="1"/>"#).write(toFile: paths[2], atomically: true, encoding: .utf8)
        return paths
    }

    /// The model of a valid profile: each rectangle's bounds (issue positions and ranges), kind
    /// and `utility × weight`, the maximum, the reservation.
    @Test func aValidProfileIsReadAsGeniusDefinesIt() throws {
        let text = Self.profile(second: #"<EXCLUDES index="2" min="0" max="1"/>"#)
        let domainRoot = try MarkupElement.parse(Data(Self.domain.utf8), limits: .standard)
        let log = ProblemLog()
        let domain = try #require(GeniusDomain.read(domainRoot, limits: .standard, log: log))
        let root = try MarkupElement.parse(Data(text.utf8), limits: .standard)
        #expect(GeniusNonlinearProfile.isNonlinear(root))
        let profile = try #require(GeniusNonlinearProfile.read(root, domain: domain, log: log), "\(log.problems)")
        #expect(profile.maximum == 10 && profile.weight == 1 && profile.reservation == 0.25 && profile.discount == nil)
        #expect(profile.rectangles.count == 2)
        let (first, second) = (profile.rectangles[0], profile.rectangles[1])
        #expect(first.includes && first.value == 6 && first.bounds.map(\.issue) == [0] && first.bounds.map(\.lower) == [1] && first.bounds.map(\.upper) == [3])
        #expect(!second.includes && second.value == 10 && second.bounds.map(\.issue) == [1])
    }

    /// A valid set from the command line. Party one (`6·[1 ≤ a ≤ 3] + 10·[2 ≤ b ≤ 4]`, cap 10,
    /// reservation 0.25) and party two (`6·[1 ≤ a ≤ 3] + 10·[b ≤ 1 fails]`, the same): both
    /// reach 10 or more, utility 1, exactly when b ≥ 2 — the frontier is that one point (with one
    /// of its packages), and every solution picks it. `validate` says what was read; `import genius` refuses (a scenario
    /// file holds additive profiles only); three nonlinear profiles are refused by name.
    @Test func aValidNonlinearSetIsSolved() throws {
        let paths = try files(Self.profile(second: #"<INCLUDES index="2" min="2" max="4"/>"#))
        let validate = try AccordExecutable.run(["validate", "--genius"] + paths)
        #expect(validate.status == 0 && validate.stdout.contains("ok — nonlinear GENIUS space: 2 parties, 3 issues, 50 packages (2 and 2 hyper-rectangles)"), "\(validate.stdout)\(validate.stderr)")
        let frontier = try AccordExecutable.run(["frontier", "--genius"] + paths + ["--format", "csv"])
        #expect(frontier.status == 0, "\(frontier.stderr)")
        let rows = frontier.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 2 && rows[0] == ["one", "two", "a", "b", "c"], "\(frontier.stdout)")
        #expect(rows.count == 2 && rows[1].prefix(2) == ["1", "1"] && (Int(rows[1][3]) ?? 0) >= 2, "\(frontier.stdout)")
        let solve = try AccordExecutable.run(["solve", "--genius"] + paths + ["--format", "json"])
        #expect(solve.status == 0, "\(solve.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(solve.stdout.utf8)) as? [String: Any])
        let nash = try #require((json["solutions"] as? [String: Any])?["nash"] as? [String: Any])
        #expect(nash["utilities"] as? [Double] == [1, 1])
        #expect(((nash["package"] as? [String: Any])?["b"] as? Int ?? 0) >= 2, "\(solve.stdout)")
        #expect((json["stats"] as? [String: Any])?["exact"] as? Bool == true)
        // --time-limit 0 stops before the first program: no point, not exact, the whole
        // acceptable region unexplored (any utility for the first party, at most 1; the
        // second's at least its least acceptable value: ⌈0.25 · 10⌉ = 3 of maxutility 10, 0.3); a
        // bad limit is a usage error.
        let stopped = try AccordExecutable.run(["frontier", "--genius"] + paths + ["--time-limit", "0", "--format", "json"])
        #expect(stopped.status == 0 && stopped.stderr.contains("--time-limit reached after 0 frontier points"), "\(stopped.stderr)")
        let partial = try #require(try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any])
        let stats = try #require(partial["stats"] as? [String: Any])
        #expect(stats["exact"] as? Bool == false && (partial["points"] as? [Any])?.isEmpty == true)
        let unexplored = try #require(stats["unexplored"] as? [String: [String: Double]])
        #expect(unexplored["one"]?["at_most"] == 1 && unexplored["two"]?["at_least"] == 0.3, "\(unexplored)")
        let badLimit = try AccordExecutable.run(["frontier", "--genius"] + paths + ["--time-limit", "nan"])
        #expect(badLimit.status == 64 && badLimit.stderr.contains("give a number of seconds"), "\(badLimit.stderr)")
        let imported = try AccordExecutable.run(["import", "genius"] + paths + ["-o", paths[0] + ".yaml"])
        #expect(imported.status == 65 && imported.stderr.contains("scenario files hold additive profiles"), "\(imported.stderr)")
        let three = try AccordExecutable.run(["frontier", "--genius"] + paths + [paths[1]])
        #expect(three.status == 65 && three.stderr.contains("3 nonlinear profiles: Accord's exact frontier of nonlinear GENIUS spaces takes two parties"), "\(three.stderr)")
    }

    /// Each malformed part: exit 65 with the file, the line of the element, its path and what
    /// is wrong; nothing else is said of the valid parts.
    @Test(arguments: [
        (#"<WITHIN index="2" min="0" max="2"/>"#, "one.xml:10: utility_space.utility.ufun.hyperRectangle[2].WITHIN: unknown constraint <WITHIN>"),
        (#"<INCLUDES index="2" min="3" max="1"/>"#, "one.xml:10: utility_space.utility.ufun.hyperRectangle[2].INCLUDES@min: min 3 is above max 1"),
        (#"<INCLUDES index="9" min="0" max="1"/>"#, "one.xml:10: utility_space.utility.ufun.hyperRectangle[2].INCLUDES@index: no issue with index 9 in the domain"),
        (#"<INCLUDES index="3" min="0" max="1"/>"#, "issue 3 'c' is discrete: hyper-rectangle bounds compare integer values"),
        (#"<INCLUDES index="2" min="zero" max="1"/>"#, "INCLUDES@min: expected an integer, found 'zero'"),
        (#"<INCLUDES index="2" max="1"/>"#, "INCLUDES@min: missing min"),
    ])
    func malformedBoundsAreNamed(_ second: String, _ message: String) throws {
        let result = try AccordExecutable.run(["validate", "--genius"] + (try files(Self.profile(second: second))))
        #expect(result.status == 65)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("two.xml"))
    }

    @Test func otherAggregationsAndMissingPartsAreNamed() throws {
        let max = try AccordExecutable.run(["validate", "--genius"] + (try files(Self.profile(second: "", aggregation: "max"))))
        #expect(max.status == 65 && max.stderr.contains("one.xml:5: utility_space.utility.ufun@aggregation: aggregation 'max' is not supported"), "\(max.stderr)")
        let bare = #"<utility_space type="nonlinear"><objective index="0" name="root"/></utility_space>"#
        let missing = try AccordExecutable.run(["validate", "--genius"] + (try files(bare)))
        #expect(missing.status == 65 && missing.stderr.contains("needs a <utility maxutility="), "\(missing.stderr)")
        let noUtility = Self.profile(second: "").replacingOccurrences(of: #"<hyperRectangle utility="6">"#, with: "<hyperRectangle>")
        let result = try AccordExecutable.run(["validate", "--genius"] + (try files(noUtility)))
        #expect(result.status == 65 && result.stderr.contains("hyperRectangle[1]@utility: missing utility"), "\(result.stderr)")
    }

    /// The shared ANAC 2014 domains (where `../shared/anac` is present) read and check clean;
    /// their `pareto.xml` (a point list, not a profile) is left out. Counts from the files:
    /// `grep -c hyperRectangle` (each rectangle opens and closes) and `maxutility`.
    @Test func theAnacDomainsReadClean() throws {
        guard AnacCorpus.isPresent else {
            print("GeniusNonlinearTests: ../shared/anac is absent; the ANAC 2014 domains are not read")
            return
        }
        let expected = ["30issues": "2 parties, 30 issues, 1e+30 packages (60 and 60 hyper-rectangles)",
                        "50issues": "2 parties, 40 issues, 1e+40 packages (80 and 80 hyper-rectangles)"]
        let folders = try AnacCorpus.folders("y2014")
        #expect(Set(folders.map(\.name)) == Set(expected.keys))
        for folder in folders {
            let profiles = folder.profiles.filter { $0.lastPathComponent.hasPrefix("profile") }
            let result = try AccordExecutable.run(["validate", "--genius", folder.domain.path] + profiles.map(\.path))
            #expect(result.status == 0)
            #expect(result.stdout.contains("ok — nonlinear GENIUS space: " + (expected[folder.name] ?? "?")), "\(folder.name): \(result.stdout)")
        }
    }
}
