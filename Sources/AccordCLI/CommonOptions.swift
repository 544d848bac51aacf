import Accord
import ArgumentParser
import Foundation
import Synchronization

/// `--format`, `-o` and `--quiet`, shared by the commands that write a result; `Format` is the
/// command's own set of formats, so that `--format` and `--help` offer only those.
struct OutputOptions<Format: CommandFormat>: ParsableArguments {
    @Option(name: .long, help: "Output format (default: from the -o extension, else text on a terminal and json otherwise).")
    var format: Format?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the result to this file (only when the run succeeds) in the format its extension names: \(Format.extensionList); without an extension, --format, else JSON.",
            valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "No progress messages on stderr.")
    var quiet = false

    /// An `-o` extension this command has no format for is a usage error (exit 64): writing JSON
    /// into `frontier.svg` or `report.pdf` would only surprise.
    func validate() throws {
        guard let output else { return }
        let ext = (output as NSString).pathExtension
        guard ext.isEmpty || Format(fileExtension: ext) != nil else {
            throw ValidationError("-o \(output): this command writes \(Format.extensionList), not .\(ext)")
        }
    }

    /// The format to write: `--format`, else the `-o` extension's, else text on a terminal and
    /// JSON otherwise (a pipe, or an `-o` file without an extension).
    var resolvedFormat: Format {
        if let format { return format }
        if let output {
            return Format(fileExtension: (output as NSString).pathExtension) ?? .json
        }
        return isatty(STDOUT_FILENO) != 0 ? .text : .json
    }

    /// Writes the result to `-o` atomically (temporary file, then rename) or to stdout.
    func emit(_ text: String) throws {
        try emit { $0.write(text) }
    }

    /// Writes a JSON report, which the process keeps to its end (`keepUntilExit(_:)`).
    func emit(json: JSONValue) throws {
        keepUntilExit(json)
        try emit(json.rendered())
    }

    /// Streams the result, piece by piece, to `-o` atomically or to stdout: large results are
    /// never held in memory as one string.
    func emit(_ render: (inout OutputSink) -> Void) throws {
        if let output {
            try writeAtomically(to: output, render)
        } else {
            var sink = OutputSink(descriptor: STDOUT_FILENO, path: "stdout")
            render(&sink)
            try sink.finish()
        }
    }
}

/// Refuses an `-o` file that is one of the inputs (the same file after following symbolic links:
/// same device and inode), a usage error (exit 64) raised before anything is read or computed —
/// the result would replace the scenario it comes from. `-` (standard input) has no file to
/// compare.
func refuseOverwritingInputs(output: String?, inputs: [String]) throws {
    guard let output else { return }
    for input in inputs where input != InputFiles.standardInput && InputFiles.sameFile(output, input) {
        throw ValidationError("-o \(output) is the input file \(input): writing the result would replace it; give another output file")
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
    try writeAtomically(to: path) { $0.write(text) }
}

/// Streams output into a temporary file next to `path` and renames it into place when complete.
/// An error, or Ctrl-C (`Interruption`), removes the temporary file: `path` is either untouched
/// or complete.
///
/// A symbolic link is followed: the file it names is replaced, or created (through a temporary
/// file in that file's directory), and the link is kept.
func writeAtomically(to path: String, _ render: (inout OutputSink) -> Void) throws {
    let target = try followingLink(path)
    var isDirectory: ObjCBool = false
    if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue) {
        throw OutputError(path: path, reason: "is a directory; give a file name")
    }
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent()
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(path: path, reason: "directory \(directory.path) does not exist")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
    Interruption.removeOnInterrupt(temporary)
    defer { Interruption.keep(temporary) }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
    var sink = OutputSink(descriptor: descriptor, path: path)
    render(&sink)
    do {
        try sink.finish()
    } catch {
        close(descriptor)
        unlink(temporary)
        throw error
    }
    close(descriptor)
    // rename(2) replaces an existing file atomically.
    guard rename(temporary, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw OutputError(path: path, reason: reason)
    }
}

/// The path a chain of symbolic links ends at (which may not exist yet: `-o` then creates it),
/// or `path` itself when it is not a link. Relative targets are taken from the link's directory.
///
/// - Throws: `OutputError` after 32 links (a loop, as the system's own limit).
private func followingLink(_ path: String) throws -> String {
    var current = path
    for _ in 0..<32 {
        var status = stat()
        guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(current, &buffer, buffer.count - 1)
        guard length >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
    }
    throw OutputError(path: path, reason: "too many levels of symbolic links")
}

/// A buffered writer to a file descriptor, for `TextOutputStream` renderers. Write errors are
/// kept and reported by `finish()`.
struct OutputSink: TextOutputStream {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var failure: String?

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws if any write failed.
    mutating func finish() throws {
        flush()
        if let failure { throw OutputError(path: path, reason: failure) }
    }
}

/// Removes unfinished output files when the user interrupts a run (Ctrl-C, SIGTERM), then exits
/// with 130 after "interrupted" on stderr. Installed when the process starts (`AccordCommand.main`),
/// so that a run interrupted while it reads or computes — before any output — ends the same way.
/// The numeric core knows nothing of this: it runs on while a dispatch source listens.
enum Interruption {
    private static let pending = Mutex<Set<String>>([])
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    static func removeOnInterrupt(_ path: String) {
        install()
        pending.withLock { _ = $0.insert(path) }
    }

    static func keep(_ path: String) {
        pending.withLock { _ = $0.remove(path) }
    }

    /// Replaces the default action of SIGINT and SIGTERM (termination by the signal) with the
    /// handler above; a second call does nothing.
    static func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    for path in pending.withLock({ $0 }) { unlink(path) }
                    FileHandle.standardError.write(Data("\ninterrupted\n".utf8))
                    exit(130)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// Runs a command body and turns Accord's errors into a message on stderr and a sysexits code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ScenarioError {
        switch error {
        case .unreadable:
            printError(error.description)
            throw ExitCode(66)
        case .invalid, .unsupported:
            printError(error.description)
            throw ExitCode(65)
        case .refused(let file, let refusal):
            printError("\(file): \(refusal.commandLineReason)")
            throw ExitCode(65)
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

/// Prints a scenario's warnings on stderr, `file: ` first, kind by kind: every one up to five,
/// else the first three and how many more (a 500-party file whose weights are percentages warns
/// once a party). `only`: the warnings that matter to the command (all by default).
func printWarnings(_ scenario: Scenario, file: String, only: (ScenarioWarning) -> Bool = { _ in true }) {
    var rest = scenario.warnings.filter(only)[...]
    while let first = rest.first {
        let kind = rest.prefix { $0.isKind(of: first) }
        rest = rest.dropFirst(kind.count)
        for warning in kind.count > 5 ? Array(kind.prefix(3)) : Array(kind) { printNote("warning: \(file): \(warning)") }
        if kind.count > 5 { printNote("warning: \(file): \(first.more(kind.count - 3))") }
    }
}

func printNote(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// The warnings that matter to every answer, not only to the scale-dependent solutions: utilities
/// rounded where they could not be exact (`frontier`, `linkage` and `dynamics` print these).
func isAboutExactness(_ warning: ScenarioWarning) -> Bool {
    if case .utilitiesRounded = warning { return true }
    return false
}
