import Accord
import Foundation
import Testing

/// `accord validate --genius` and `--geniusweb`: a domain and its profiles are checked as one
/// set, as `solve` and `frontier` read them, alone or after scenario files.
@Suite struct ValidateExchangeFilesTests {
    private let job = ["domain.xml", "employer.xml", "candidate.xml"].map { Repository.data("genius/job-offer/" + $0) }

    /// The line for a valid set names the domain and gives the same size `accord validate`
    /// gives the scenario that `import genius` writes from it.
    @Test func aGeniusSetIsCheckedLikeItsImportedScenario() throws {
        let result = try AccordExecutable.run(["validate", "--genius"] + job)
        #expect(result.status == 0, "\(result.stderr)")
        let directory = try temporaryDirectory()
        let imported = directory.appendingPathComponent("job.yaml").path
        #expect(try AccordExecutable.run(["import", "genius"] + job + ["-o", imported]).status == 0)
        let scenario = try AccordExecutable.run(["validate", imported])
        #expect(scenario.status == 0)
        let size = try #require(scenario.stdout.components(separatedBy: ": ok — ").last)
        #expect(result.stdout == job[0] + ": ok — " + size)
    }

    @Test func aGeniusWebSetIsChecked() throws {
        let files = ["deal.json", "buyer.json", "seller.json"].map { Repository.data("geniusweb/" + $0) }
        let result = try AccordExecutable.run(["validate", "--geniusweb"] + files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(files[0] + ": ok — 2 parties"))
    }

    /// Scenario files and a GENIUS set in one run: each checked, the worst exit code kept (a
    /// missing profile is unreadable, 66, over a valid scenario's 0).
    @Test func scenariosAndASetTogetherKeepTheWorstExit() throws {
        let result = try AccordExecutable.run(["validate", Repository.data("bill-jack.yaml"), "--genius", job[0], job[1], "/nonexistent/profile.xml"])
        #expect(result.status == 66)
        #expect(result.stdout.contains("bill-jack.yaml: ok"))
        #expect(result.stderr.contains("/nonexistent/profile.xml"))
    }

    @Test func usageMistakesExit64() throws {
        let nothing = try AccordExecutable.run(["validate"])
        #expect(nothing.status == 64 && nothing.stderr.contains("give at least one scenario file"))
        let short = try AccordExecutable.run(["validate", "--genius", job[0], job[1]])
        #expect(short.status == 64 && short.stderr.contains("at least two profiles"))
    }
}
