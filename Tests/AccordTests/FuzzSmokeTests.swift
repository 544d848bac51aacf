import Foundation
import Testing

/// A small, seeded run of `Benchmarks/fuzz/fuzz.py` (`make fuzz` runs 2,000 inputs on the
/// release build) against the executable built with the tests: mutated copies of `Data/` and
/// the GENIUS fixtures only (`--corpus repo`, so the run is the same with or without
/// `../shared`), each through `validate`, `solve` and `frontier` (`solve --genius` for XML)
/// under a 4 GB address-space cap and a 20 s limit. The script exits 1 when any run ends on a
/// signal, an exit code outside {0, 64, 65, 66, 74}, the timeout or over 2 GB resident.
@Suite struct FuzzSmokeTests {
    static let python: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Mutators whose inputs still crash or hang today and are being fixed under issue 9; they
    /// stay in `make fuzz`. Remove an entry once its point has landed.
    /// Mutator classes left out of the smoke run (none: every class the full run found is fixed).
    static let excluded: [String] = []

    @Test(.enabled(if: python != nil, "python3 is not on PATH"))
    func mutatedInputsNeitherCrashNorHang() throws {
        let results = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: results) }
        let process = Process()
        process.executableURL = Self.python
        process.arguments = [
            Repository.root.appendingPathComponent("Benchmarks/fuzz/fuzz.py").path,
            "--accord", AccordExecutable.url.path, "--seed", "9", "--count", "100", "--jobs", "2",
            "--corpus", "repo", "--exclude", Self.excluded.joined(separator: ","), "--results", results.path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "fuzz smoke run found a crash or hang:\n\(report)")
        #expect(report.contains("summary: 100 inputs"), "\(report)")
    }
}
