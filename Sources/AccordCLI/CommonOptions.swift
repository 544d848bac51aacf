import Accord
import ArgumentParser
import Foundation

/// Output formats; each command accepts a subset.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, md, csv
}

/// `--format`, `-o` and `--quiet`, shared by the commands that write a result.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format (default: text on a terminal, json otherwise, or from the -o extension).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: "Write the result to this file (only when the run succeeds).")
    var output: String?

    @Flag(name: .long, help: "No progress messages on stderr.")
    var quiet = false

    /// Checks an explicit `--format` against the formats a command writes (call from `validate()`).
    func check(allowed: [OutputFormat]) throws {
        if let format, !allowed.contains(format) {
            throw ValidationError("--format \(format.rawValue) is not available here; use one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The format to use: explicit, else from the output file's extension, else by terminal.
    func resolvedFormat(allowed: [OutputFormat], fallback: OutputFormat) -> OutputFormat {
        if let format, allowed.contains(format) { return format }
        if let output {
            let ext = (output as NSString).pathExtension.lowercased()
            if let byExtension = OutputFormat(rawValue: ext == "markdown" ? "md" : ext), allowed.contains(byExtension) {
                return byExtension
            }
            return fallback
        }
        return isatty(STDOUT_FILENO) != 0 && allowed.contains(.text) ? .text : fallback
    }

    /// Writes the result to `-o` atomically (temporary file, then rename) or to stdout.
    func emit(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try writeAtomically(text, to: output)
    }
}

/// An output file could not be written (exit 74).
struct OutputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): cannot write output: \(reason)" }
}

/// Writes `text` to `path` through a temporary file in the same directory, renamed into place,
/// so that a failed or interrupted run never leaves a partial file.
func writeAtomically(_ text: String, to path: String) throws {
    var isDirectory: ObjCBool = false
    if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
        throw OutputError(path: path, reason: "is a directory; give a file name")
    }
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(path: path, reason: "directory \(directory.path) does not exist")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
    do {
        try Data(text.utf8).write(to: temporary)
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(path: path, reason: (error as NSError).localizedDescription)
    }
    // rename(2) replaces an existing file atomically.
    guard rename(temporary.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(path: path, reason: reason)
    }
}

/// Runs a command body and turns Accord's errors into a message on stderr and a sysexits code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ScenarioError {
        printError(error.description)
        switch error {
        case .unreadable: throw ExitCode(66)
        case .invalid, .unsupported: throw ExitCode(65)
        }
    } catch let error as OutputError {
        printError(error.description)
        throw ExitCode(74)
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printError("internal error (please report it): \(error)")
        throw ExitCode(70)
    }
}

func printError(_ message: String) {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { "error: \($0)" }
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}

func printNote(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
