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
    static let excluded = [
        // Point 1: a weight of 1e308 dies with SIGILL in the quantizer; point 7: GENIUS integer
        // issues of 0..999,999 run out of memory.
        "number-huge",
        // Point 2: encoding="EBCDIC-US", "UTF-32", "UTF-7", "Shift_JIS"... crash inside libxml2.
        "xml-encoding",
        // Point 3: 40,000 nested XML elements: 1 GB and a stack overflow.
        "xml-deep",
        // Point 4: an alias-expansion bomb as a mapping key hangs validate; as a value it is
        // refused, but only after 5–8 s in a release build (past the timeout in debug).
        "alias-bomb-key",
        "alias-bomb-value",
    ]

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
