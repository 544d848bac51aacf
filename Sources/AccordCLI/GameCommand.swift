import Accord
import ArgumentParser

struct GameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "game",
        abstract: "A TU game given directly (coalition values, or a bankruptcy problem): Shapley value, core, nucleolus.",
        discussion: """
            A game file (YAML or JSON) lists the players and either the value of each coalition \
            (missing coalitions are worth 0) or a bankruptcy problem (an estate and each \
            player's claim, v(S) = max(0, estate − the claims of the others)):

              players: [A, B, C]
              values: {"A": 1, "B": 2, "C": 5, "A,B": 6, "A,C": 7, "B,C": 8, "A,B,C": 12}

              players: [A, B, C]
              bankruptcy: {estate: 200, claims: {A: 100, B: 200, C: 300}}

            Up to 25 players. The Shapley value is exact (subset enumeration); the core is \
            decided by an LP (an allocation in it when it is not empty); the nucleolus over \
            imputations is a sequence of LPs with constraint generation, checked by Kohlberg's \
            criterion in exact rationals (up to 12 players). A bankruptcy problem also gets the \
            Talmud rule, which its nucleolus equals (Aumann–Maschler 1985).

            Examples:
              accord game Data/games/talmud.yaml
              accord game Data/games/three-player.yaml --format json
            """
    )

    @Argument(help: "Game file (.yaml, .yml or .json; - for standard input).")
    var game: String

    @OptionGroup var output: OutputOptions<CoalitionsFormat>

    func run() throws {
        try reportingErrors {
            try refuseOverwritingInputs(output: output.output, inputs: [game])
            let format = output.resolvedFormat
            let file = try InputFiles.loadGame(path: game)
            let name = InputFiles.displayName(game)
            let analysis: GameAnalysis
            do {
                analysis = try GameAnalysis.analyze(file)
            } catch {
                throw ScenarioError.unsupported(file: name, reason: "\(error)")
            }
            switch format {
            case .json: try output.emit(json: analysis.json)
            default: try output.emit(analysis.text)
            }
        }
    }
}
