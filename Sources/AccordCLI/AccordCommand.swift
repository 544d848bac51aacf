import Accord
import ArgumentParser

@main
struct AccordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Game-theoretic bargaining solver: Pareto frontiers, bargaining solutions and package deals.",
        discussion: """
            Describe the parties, issues and preferences of a negotiation in a scenario file (YAML or \
            JSON; the format is in the README) and ask what rational parties can agree on.

            Examples:
              accord solve Data/blue-harbor.yaml
              accord frontier Data/bill-jack.yaml --format csv -o frontier.csv
              accord linkage Data/blue-harbor-discrete.yaml
              accord dynamics Data/blue-harbor-discrete.yaml --protocol zeuthen
              accord coalitions Data/climate-finance.yaml --transfers
              accord game Data/games/talmud.yaml
              accord solve --genius Data/genius/job-offer/domain.xml Data/genius/job-offer/employer.xml Data/genius/job-offer/candidate.xml
              accord validate Data/*.yaml
              accord generate --parties 3 --seed 7 | accord solve -

            A scenario of - is read from standard input. -o never overwrites an input file; onto \
            a symbolic link it writes the file the link names.

            Exit codes: 0 success (also "no agreement zone"), 64 usage error (also -o onto an \
            input file), 65 invalid scenario or a computation refused (too large, not yet \
            supported), 66 input file missing, unreadable or not a regular file, 70 internal \
            error (a bug: please report it), 74 cannot write output, 130 interrupted (Ctrl-C or \
            SIGTERM, at any moment).
            """,
        version: "0.1.0",
        subcommands: [
            SolveCommand.self, FrontierCommand.self, LinkageCommand.self, DynamicsCommand.self, CoalitionsCommand.self, GameCommand.self,
            SensitivityCommand.self, ReportCommand.self, MergeCommand.self,
            ValidateCommand.self, ImportCommand.self, GenerateCommand.self,
        ]
    )

    /// Installs the interruption handler before the command line is even parsed, so that Ctrl-C
    /// at any moment of any command exits 130 with "interrupted" and leaves no partial file. The
    /// heap asks for huge pages first, before anything large is allocated.
    static func main() {
        useHugePagesForHeap()
        Interruption.install()
        main(nil)
    }
}
