import Accord
import ArgumentParser

/// Solves a nonlinear GENIUS negotiation for `frontier` and `solve`, with progress on stderr
/// (frontier points found); a negotiation Accord cannot solve becomes a message naming `file`.
func solveNonlinear(_ negotiation: NonlinearNegotiation, concepts: [SolutionConcept], file: String, quiet: Bool, timeLimit: Double?) throws -> NonlinearSolution {
    let result = ProgressBar.run(label: "tracing the frontier", unit: "points", quiet: quiet) { progress in
        Result { () throws(RectangleFrontier.Failure) in
            try NonlinearSolution(negotiation, concepts: concepts, timeLimit: timeLimit) { count in
                progress?.found(count)
                progress?.add(1)
            }
        }
    }
    switch result {
    case .success(let solution):
        if solution.frontier.unexplored != nil, !quiet {
            printNote("warning: \(file): --time-limit reached after \(solution.frontier.points.count) frontier points; the rest of the frontier is not traced (stats.unexplored says where it lies)")
        }
        return solution
    case .failure(.partyCount(let count)):
        throw ScenarioError.unsupported(
            file: file,
            reason: "\(count) nonlinear profiles: Accord's exact frontier of nonlinear GENIUS spaces takes two parties (every ANAC 2014 domain is bilateral)")
    case .failure(.solver(let reason)):
        printError("\(file): the exact frontier could not be traced: \(reason)")
        throw ExitCode(70)
    }
}
