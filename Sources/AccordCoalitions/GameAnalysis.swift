import AccordGames
import AccordModel
import BigInt

/// A TU game and its solutions: the Shapley value, the core (empty or an allocation in it) and
/// the nucleolus over imputations, with Kohlberg's criterion checked in exact rationals (up to
/// 12 players). Shared by `accord game` and `coalitions --transfers`.
public struct GameSolutions: Sendable {
    public let game: TransferableUtilityGame
    public let shapley: [Double]
    public let core: CoreResult?
    /// `nil` when there is no imputation or the LP solver failed, with `nucleolusNote`.
    public let nucleolus: Nucleolus?
    public let nucleolusNote: String?

    public init(_ game: TransferableUtilityGame) {
        self.game = game
        shapley = game.shapleyValue()
        core = try? game.core().get()
        switch game.nucleolus() {
        case .success(let found):
            nucleolus = found
            nucleolusNote = nil
        case .failure(.noImputation):
            nucleolus = nil
            nucleolusNote = "no imputation: the players alone can secure more than all of them together (Σ v({i}) > v(N))"
        case .failure(.solver(let detail)):
            nucleolus = nil
            nucleolusNote = "the LP solver failed: \(detail)"
        }
    }
}

/// A TU game given directly (`accord game`, `GameFile`) and its solutions; for a bankruptcy
/// problem also the Talmud rule, which the nucleolus equals (Aumann–Maschler 1985).
public struct GameAnalysis: Sendable {
    public let players: [String]
    public let solutions: GameSolutions
    /// The Talmud rule of a bankruptcy problem.
    public let talmud: [Double]?

    /// - Throws: `CoalitionError.game` when a number has no exact fraction or the game cannot be built.
    public static func analyze(_ file: GameFile) throws(CoalitionError) -> GameAnalysis {
        let n = file.players.count
        let game: TransferableUtilityGame
        var talmud: [Double]?
        do {
            switch file.definition {
            case .values(let coalitions):
                var values: [Coalition: ExactRational] = [:]
                for (members, value) in coalitions { values[Coalition(members)] = try exact(value) }
                game = try TransferableUtilityGame(playerCount: n) { values[$0] ?? .zero }
            case .bankruptcy(let estate, let claims):
                let problem = try BankruptcyProblem(estate: try exact(estate), claims: claims.map(exact))
                game = try problem.game()
                talmud = problem.talmudRule().map(\.doubleValue)
            }
        } catch let error as CoalitionError {
            throw error
        } catch {
            throw .game("\(error)")
        }
        return GameAnalysis(players: file.players, solutions: GameSolutions(game), talmud: talmud)
    }

    /// The fraction a number of the file stands for (`73.3` is 733/10).
    private static func exact(_ value: Double) throws(CoalitionError) -> ExactRational {
        guard let fraction = ExactFraction(value),
              let rational = ExactRational(numerator: BigInt(fraction.numerator), denominator: BigInt(fraction.denominator)) else {
            throw .game("the number \(value) has no exact 64-bit fraction; write it with fewer digits")
        }
        return rational
    }
}
