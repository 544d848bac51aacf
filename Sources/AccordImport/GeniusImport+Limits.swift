import AccordModel

extension GeniusImport {
    /// The bounds a GENIUS import stays within, so that no input makes it crash, recurse without
    /// bound or allocate without bound; input beyond them is refused (exit 65) with the limit.
    ///
    /// Encodings are not a limit: only UTF-8 and ASCII are read (`XMLDeclaration`).
    public struct Limits: Sendable, Equatable {
        /// The deepest element nesting read; GENIUS files are fewer than 10 levels deep. The
        /// parser stops at the first element deeper than this, so the element tree (and every
        /// recursion over it) is at most this deep.
        public var maximumDepth: Int
        /// The most integer values a domain may have in total over its integer issues (one option
        /// per value, and one value per option and party in each profile), hence also per issue.
        public var maximumIntegerValues: Int
        /// The largest file read, in bytes. Reading takes memory of about 15 times the file size
        /// (the element tree), so the default keeps one file under about 1.5 GB.
        public var maximumFileBytes: Int
        /// How the caller raises `maximumIntegerValues` and `maximumFileBytes`, in its own words
        /// (the CLI names its flags), appended to the refusal; `nil`: not said.
        public var integerValuesRemedy: String?
        public var fileBytesRemedy: String?

        public init(
            maximumDepth: Int = 64, maximumIntegerValues: Int = 1_000_000, maximumFileBytes: Int = 100_000_000,
            integerValuesRemedy: String? = nil, fileBytesRemedy: String? = nil
        ) {
            self.maximumDepth = maximumDepth
            self.maximumIntegerValues = maximumIntegerValues
            self.maximumFileBytes = maximumFileBytes
            self.integerValuesRemedy = integerValuesRemedy
            self.fileBytesRemedy = fileBytesRemedy
        }

        /// Why a file of `bytes` bytes is not read, when it is over `maximumFileBytes`.
        func fileSizeProblem(bytes: Int) -> String? {
            guard bytes > maximumFileBytes else { return nil }
            return "the file has \(formatCount(Double(bytes))) bytes; Accord reads GENIUS files of at most \(formatCount(Double(maximumFileBytes))) bytes (reading takes about 15 times the file size in memory)"
                + (fileBytesRemedy.map { "; \($0)" } ?? "")
        }

        /// `message`, then how to raise `maximumIntegerValues` when the caller said.
        func integerValuesProblem(_ message: String) -> String {
            message + (integerValuesRemedy.map { "; \($0)" } ?? "")
        }

        /// The limits `accord` uses: depth 64, 1,000,000 integer values, 100,000,000-byte files.
        public static let standard = Limits()
    }
}
