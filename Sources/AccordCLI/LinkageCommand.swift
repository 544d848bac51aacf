import Accord
import ArgumentParser

struct LinkageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkage",
        abstract: "Separate tracks versus a package deal: value of linkage, trades, bundling, menu of packages.",
        discussion: """
            Bargains each track (issues sharing a `track`) alone by Nash, with the other tracks at \
            their status quo, and compares that with the linked package of all issues: each \
            party's gain over the status quo, the value of linkage (and whether linkage leaves a \
            party worse off), the trades that make the package (who concedes which issue in \
            exchange for what, and at what rate), the best partition of the tracks into linked \
            bundles, the top packages near the Nash solution and the red lines that bind. Needs \
            a status_quo on every issue.

            Examples:
              accord linkage Data/blue-harbor.yaml
              accord linkage Data/blue-harbor.yaml --top 10 --format json -o linkage.json
              accord linkage Data/trade-agreement.yaml --format md -o linkage.md
            """
    )

    @OptionGroup var input: ScenarioArgument

    @Option(name: .long, help: "Number of packages near the Nash solution to list.")
    var top: Int = 5

    @OptionGroup var output: OutputOptions<LinkageFormat>

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1, found \(top)") }
        guard top <= 1000 else { throw ValidationError("--top must be at most 1000, found \(top)") }
    }

    func run() throws {
        try reportingErrors {
            let format = output.resolvedFormat
            let scenario = try input.load()
            var settings = LinkageSettings()
            settings.top = top
            let report = try LinkageAnalysis.analyze(scenario, file: input.fileName, settings: settings)
            switch format {
            case .json: try output.emit(report.json.rendered())
            case .md: try output.emit(report.markdown)
            default: try output.emit(report.text)
            }
        }
    }
}
