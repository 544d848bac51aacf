import Accord
import Foundation

/// The input files of a command, checked before they are read: `-` is standard input, anything
/// else must be a regular file (a symbolic link is followed to what it names). A device
/// (`/dev/zero`, `/dev/null`), a FIFO or a socket is refused with what it is (exit 66) — reading
/// `/dev/zero` would never end, and a FIFO could block forever.
enum InputFiles {
    /// The name that means standard input.
    static let standardInput = "-"

    /// The most bytes read from standard input (100 MB); more is refused (exit 66) with the
    /// limit, before the excess is held in memory.
    static let standardInputLimit = 100_000_000

    /// Loads a scenario file, or standard input for `-` (JSON when its first character other
    /// than white space or a byte-order mark is `{`, YAML otherwise; named `stdin` in messages).
    ///
    /// - Throws: `ScenarioError.unreadable` (exit 66) for a file that is not a regular file, or
    ///   standard input beyond `standardInputLimit`; whatever `Scenario.load`/`parse` throw.
    static func loadScenario(path: String) throws(ScenarioError) -> Scenario {
        let scenario: Scenario
        if path == standardInput {
            let data = try readStandardInput()
            scenario = try Scenario.parse(data: data, file: "stdin", format: startsLikeJSON(data) ? .json : .yaml)
        } else {
            try check(path)
            scenario = try Scenario.load(path: path)
        }
        keepUntilExit(scenario)
        return scenario
    }

    /// The name messages use for an input: `stdin` for `-`, else the file's last component.
    static func displayName(_ path: String) -> String {
        path == standardInput ? "stdin" : (path as NSString).lastPathComponent
    }

    /// Loads a TU game file (`accord game`), or standard input for `-`, as `loadScenario` does.
    static func loadGame(path: String) throws(ScenarioError) -> GameFile {
        if path == standardInput {
            let data = try readStandardInput()
            return try GameFile.parse(data: data, file: "stdin", format: startsLikeJSON(data) ? .json : .yaml)
        }
        try check(path)
        return try GameFile.load(path: path)
    }

    /// Refuses a path that exists but is not a regular file (after following symbolic links). A
    /// missing file, a directory or a permission problem is left to the loader, whose messages
    /// say so.
    ///
    /// - Throws: `ScenarioError.unreadable(file: path, reason: "is a character device, not a
    ///   regular file")` and the like.
    static func check(_ path: String) throws(ScenarioError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: return
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        default: kind = "of an unknown file type"
        }
        throw .unreadable(file: path, reason: "is \(kind), not a regular file; give a scenario file, or - to read standard input")
    }

    /// Each path checked by `check(_:)`; `-` is not a valid GENIUS file name and is left to the
    /// importer, which reports it missing.
    static func check(_ paths: [String]) throws(ScenarioError) {
        for path in paths { try check(path) }
    }

    /// Whether a path names the same file as another, after following symbolic links (same
    /// device and inode): `-o` onto an input, or onto a link to it.
    static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Reads standard input to its end, at most `standardInputLimit` bytes.
    private static func readStandardInput() throws(ScenarioError) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(file: "stdin", reason: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            guard data.count + count <= standardInputLimit else {
                throw .unreadable(file: "stdin", reason: "standard input is larger than \(formatCount(Double(standardInputLimit))) bytes, the most read from it; give a file instead")
            }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    /// After an optional UTF-8 byte-order mark and white space, the text starts with `{`.
    private static func startsLikeJSON(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }
}

extension ScenarioArgument {
    /// Every input file: the scenario, or the GENIUS domain and profiles.
    var paths: [String] { scenario.map { [$0] } ?? (genius.isEmpty ? geniusweb : genius) }
}
