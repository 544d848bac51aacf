import Accord
import ArgumentParser
import Foundation

/// The scenario argument shared by the commands that read one scenario.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "Scenario file (.yaml, .yml or .json).")
    var scenario: String

    var fileName: String { (scenario as NSString).lastPathComponent }

    func load() throws -> Scenario { try Scenario.load(path: scenario) }
}
