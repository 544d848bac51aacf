import Accord
import ArgumentParser

@main
struct AccordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord",
        abstract: "Game-theoretic bargaining solver: Pareto frontiers, bargaining solutions and package deals.",
        discussion: """
            Describe the parties, issues and preferences of a negotiation in a scenario file (YAML or \
            JSON, see DESIGN.md §1) and ask what rational parties can agree on.

            Examples:
              accord solve Data/blue-harbor.yaml
              accord frontier Data/bill-jack.yaml --format csv -o frontier.csv
              accord validate Data/*.yaml

            Exit codes: 0 success (also "no agreement zone"), 64 usage error, 65 invalid scenario,
            66 input file missing or unreadable, 70 internal error, 74 cannot write output.
            """,
        version: "0.1.0",
        subcommands: [SolveCommand.self, FrontierCommand.self, ValidateCommand.self, GenerateCommand.self, ImportCommand.self, LinkageCommand.self, DynamicsCommand.self]
    )
}
