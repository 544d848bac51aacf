import Accord
import ArgumentParser
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shards of one Monte Carlo run into its result.",
        discussion: """
            Reads the parts that 'accord sensitivity --samples N --shard K/N' wrote, one per K \
            from 0 to N-1 in any order, checks that they are the shards of one run (the same \
            scenario, draws, seed and noise, every shard once) and writes the result: the same \
            bytes as one run without --shard.

            Examples:
              for k in 0 1 2 3; do accord sensitivity Data/blue-harbor-discrete.yaml --samples 100000 --shard $k/4 -o part$k.json; done
              accord merge part0.json part1.json part2.json part3.json -o robustness.json
            """
    )

    @Argument(help: ArgumentHelp("The parts, one per shard.", valueName: "part.json"))
    var parts: [String]

    @OptionGroup var output: OutputOptions<SensitivityFormat>

    func run() throws {
        try reportingErrors {
            for part in parts { try refuseOverwritingInputs(output: output.output, inputs: [part]) }
            var read: [(file: String, part: MonteCarloPart)] = []
            for path in parts {
                guard let data = FileManager.default.contents(atPath: path) else {
                    printError("\(path): cannot read the file (missing, or permission denied?)")
                    throw ExitCode(66)
                }
                do {
                    read.append((path, try MonteCarloPart(data: data, file: path)))
                } catch let error as SensitivityError {
                    printError(error.description)
                    throw ExitCode(65)
                }
            }
            guard let first = read.first else { throw ValidationError("give the parts to merge") }
            let count = first.part.settings.shard?.count ?? 1
            var seen = [String?](repeating: nil, count: count)
            for (file, part) in read {
                let settings = part.settings
                guard part.scenario == first.part.scenario, settings.samples == first.part.settings.samples, settings.seed == first.part.settings.seed,
                      settings.noise == first.part.settings.noise, settings.shard?.count == count else {
                    printError("\(file) is from another run than \(first.file) (scenario, draws, seed, noise or number of shards differ)")
                    throw ExitCode(65)
                }
                let index = settings.shard?.index ?? 0
                guard index >= 0, index < count else {
                    printError("\(file): shard \(index) of \(count) does not exist")
                    throw ExitCode(65)
                }
                if let earlier = seen[index] {
                    printError("\(file) and \(earlier) are both shard \(index)/\(count)")
                    throw ExitCode(65)
                }
                seen[index] = file
            }
            if let missing = seen.firstIndex(where: { $0 == nil }) {
                printError("shard \(missing)/\(count) is missing (give all \(count) parts)")
                throw ExitCode(65)
            }
            var settings = first.part.settings
            settings.shard = nil
            let result: MonteCarlo
            do {
                result = try MonteCarlo(scenario: first.part.scenario, settings: settings, merging: read.map(\.part.totals))
            } catch let error as SensitivityError {
                printError("\(first.file): \(error.description)")
                throw ExitCode(65)
            }
            switch output.resolvedFormat {
            case .json: try output.emit(json: result.json)
            case .csv: try output.emit(result.csv)
            case .text: try output.emit(result.text)
            }
        }
    }
}
