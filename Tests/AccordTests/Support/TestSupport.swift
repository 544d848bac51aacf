import Accord
import Foundation

/// Paths of the repository, found from this source file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func data(_ name: String) -> String { root.appendingPathComponent("Data").appendingPathComponent(name).path }

    static func loadData(_ name: String) throws -> Scenario { try Scenario.load(path: data(name)) }
}

/// Option indices of a discrete package (-1 for a value that is not an option).
func optionIndices(_ package: [IssueValue]) -> [Int] {
    package.map { $0.option ?? -1 }
}

/// Parses scenario YAML given inline in a test.
func scenario(yaml: String, file: String = "test.yaml") throws -> Scenario {
    try Scenario.parse(data: Data(yaml.utf8), file: file, format: .yaml)
}

/// The problems a YAML text produces (empty when it is valid).
func problems(yaml: String, file: String = "test.yaml") -> [ScenarioIssue] {
    do {
        _ = try Scenario.parse(data: Data(yaml.utf8), file: file, format: .yaml)
        return []
    } catch {
        if case .invalid(let issues) = error { return issues }
        return [ScenarioIssue(file: file, path: "", line: nil, message: error.description)]
    }
}

/// Runs the `accord` executable built with the tests.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum AccordExecutable {
    static var url: URL {
        // The test bundle sits next to the products, in .build/<triple>/<configuration>/.
        var directory = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("accord").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("accord")
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Debian's `rsvg-convert`, where it is installed (`make test` installs it).
let svgRenderer = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `svg` rendered by `rsvg-convert` to `png`: its exit status and the PNG's bytes (empty when
/// it wrote none); `nil` where `rsvg-convert` is not installed.
func renderPNG(_ svg: URL, to png: URL) throws -> (status: Int32, png: Data)? {
    guard let svgRenderer else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: svgRenderer)
    process.arguments = [svg.path, "-o", png.path]
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, (try? Data(contentsOf: png)) ?? Data())
}
