import Accord
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem with its file, field and line.",
        discussion: """
            Prints one line per valid file (parties, issues, outcome space) and one line per \
            problem found, and on stderr a warning for what is valid but probably unintended \
            (weights that do not sum to 1). Exit 0 when every file is valid (warnings or not), \
            65 when some file is invalid, 66 when some file cannot be read. GENIUS and GeniusWeb \
            files are checked as one domain with its profiles (--genius, --geniusweb), as solve \
            and frontier read them.

            Examples:
              accord validate Data/blue-harbor.yaml
              accord validate Data/*.yaml
              accord validate --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml
            """
    )

    @Argument(help: "Scenario files to check (- for standard input).")
    var scenarios: [String] = []

    @OptionGroup var exchange: ExchangeFiles

    func validate() throws {
        guard !scenarios.isEmpty || exchange.source != nil else {
            throw ValidationError("give at least one scenario file (or --genius DOMAIN.xml PROFILE.xml..., or --geniusweb DOMAIN.json PROFILE.json...)")
        }
    }

    func run() throws {
        var worst: Int32 = 0
        // The scenario files, then the domain and profiles given in one set.
        // `nil`: a nonlinear GENIUS negotiation, reported as read.
        let checks: [(name: String, load: () throws(ScenarioError) -> Scenario?)] =
            scenarios.map { path in (path == InputFiles.standardInput ? "stdin" : path, { () throws(ScenarioError) in try InputFiles.loadScenario(path: path) }) }
            + (exchange.source == nil ? [] : [((exchange.genius.first ?? exchange.geniusweb.first ?? ""), { () throws(ScenarioError) in
                switch try exchange.loadNegotiation() {
                case .additive(let scenario): return scenario
                case .nonlinear(let negotiation):
                    let name = exchange.genius.first ?? ""
                    let rectangles = negotiation.utilities.map { String($0.rectangles.count) }.joined(separator: " and ")
                    print("\(name): ok — nonlinear GENIUS space: \(negotiation.parties.count) parties, \(negotiation.issues.count) issues, \(formatCount(negotiation.packageCount)) packages (\(rectangles) hyper-rectangles)")
                    return nil
                }
            })])
        for (name, load) in checks {
            do {
                guard let scenario = try load() else { continue }
                let discrete = scenario.issues.allSatisfy { $0.options != nil }
                let size = scenario.issues.reduce(1.0) { $0 * Double($1.options?.count ?? 1) }
                let space = discrete ? ", \(size < 1e15 ? String(Int(size)) : String(size)) packages" : ", continuous issues"
                print("\(name): ok — \(scenario.sizeSummary)\(space)")
                printWarnings(scenario, file: name)
            } catch {
                printError(error.description)
                switch error {
                case .unreadable: worst = max(worst, 66)
                case .invalid, .unsupported, .refused: worst = max(worst, 65)
                }
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
