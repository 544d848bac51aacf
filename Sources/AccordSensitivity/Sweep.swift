import AccordFrontier
import AccordModel
import AccordSolutions
import AccordSpace
import Foundation

/// A sweep of one parameter over `[from, to]` (`accord sensitivity --vary`): the solutions at
/// each of `steps` evenly spaced values, each a full solve of the scenario with the parameter
/// set, and the exact crossovers — every value in `(from, to)` where a solution's package
/// changes (`Crossovers`).
public struct Sweep: Sendable {
    public struct Step: Sendable {
        public let value: Double
        public let solution: BargainingSolution
    }

    /// The scenario as given (the parameter at its own value).
    public let scenario: Scenario
    public let parameter: SensitivityParameter
    public let from: Double
    public let to: Double
    public let steps: [Step]
    /// `nil` when they could not be computed (`crossoverNote` says why).
    public let crossovers: [Crossover]?
    public let crossoverNote: String?
    public let seconds: Double

    /// Runs the sweep; `stepDone` is called after each step's solve (progress).
    /// - Throws: `SensitivityError` when a step's scenario is invalid (a value the parameter
    ///   cannot take) or a step's solve is refused.
    public init(
        scenario: Scenario, parameter: SensitivityParameter, from: Double, to: Double, steps count: Int,
        concepts: [SolutionConcept], settings: SolverSettings = SolverSettings(), file: String, stepDone: (() -> Void)? = nil
    ) throws(SensitivityError) {
        let start = Date()
        self.scenario = scenario
        self.parameter = parameter
        self.from = from
        self.to = to
        for value in [from, to] { if let problem = parameter.problem(with: value) { throw SensitivityError(problem) } }
        var steps: [Step] = []
        for k in 0..<count {
            let value = count == 1 ? from : from + (to - from) * Double(k) / Double(count - 1)
            let solution = try Self.solve(parameter.applied(value, to: scenario), concepts: concepts, file: file, settings: settings,
                                          what: "\(parameter.path) = \(formatNumber(value))")
            steps.append(Step(value: value, solution: solution))
            stepDone?()
        }
        self.steps = steps
        do {
            crossovers = try Crossovers.find(scenario: scenario, parameter: parameter, from: min(from, to), to: max(from, to), concepts: concepts, settings: settings)
            crossoverNote = nil
        } catch {
            crossovers = nil
            crossoverNote = error.description
        }
        seconds = Date().timeIntervalSince(start)
    }

    /// `scenario` solved for `concepts`; a scenario the solver cannot take (an invalid number,
    /// a refusal) is a `SensitivityError` that starts with `what` (`B.reservation = 0.6`).
    static func solve(
        _ scenario: Scenario, concepts: [SolutionConcept], file: String, settings: SolverSettings, what: String
    ) throws(SensitivityError) -> BargainingSolution {
        let problem: BargainingProblem
        do {
            problem = try BargainingProblem(scenario, file: file, concepts: concepts)
        } catch {
            throw SensitivityError("\(what): \(error.description)")
        }
        let solution = Solver.solve(problem, settings: settings)
        if case .refused(let refusal) = solution.status { throw SensitivityError("\(what): \(refusal)") }
        return solution
    }

    /// Every value where some solution's package changes, once each, in increasing order.
    public var breakpoints: [Double] { Array(Set((crossovers ?? []).map(\.value))).sorted() }
}
