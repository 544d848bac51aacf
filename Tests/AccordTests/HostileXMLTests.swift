import Accord
import Foundation
import Testing

/// Hostile and oversized GENIUS XML (issue 9, points 2, 3, 7, 8 and 11): every such input is
/// refused in bounded time and memory, exit 65, with the file and the limit or encoding named —
/// or read, when it is a valid document that is merely large. The inputs are generated here.
@Suite struct HostileXMLTests {
    /// The party fixture's domain and profiles (Alice, Bob) as file contents, the domain text
    /// replaced by `domain` when given.
    private static func partyFiles(domain: Data? = nil) throws -> (GeniusImport.File, [GeniusImport.File]) {
        let domainFile = try GeniusImport.File(path: "domain.xml", data: domain ?? GeniusFixtures.data("party-domain.xml"))
        return (domainFile, try ["party-alice.xml", "party-bob.xml"].map(GeniusFixtures.file))
    }

    /// What importing these files says: `nil` when they import, else every message in one text.
    private static func failure(
        _ domain: GeniusImport.File, _ profiles: [GeniusImport.File], limits: GeniusImport.Limits = .standard
    ) -> String? {
        do {
            _ = try GeniusImport.scenario(domain: domain, profiles: profiles, limits: limits)
            return nil
        } catch {
            return error.description
        }
    }

    /// The party domain text with its first line (`<?xml version="1.0" encoding="UTF-8"?>`)
    /// replaced by `declaration`.
    private static func partyDomain(declaration: String) throws -> Data {
        try GeniusFixtures.edited("party-domain.xml", #"<?xml version="1.0" encoding="UTF-8"?>"#, declaration)
    }

    // MARK: Encodings (point 2)

    /// Declared encodings other than UTF-8 and ASCII are refused before libxml2 sees the bytes
    /// (EBCDIC-US and UTF-32 crashed libxml2's converters), naming the file and the encoding;
    /// UTF-8, ASCII and no declaration at all still import.
    @Test(arguments: ["EBCDIC-US", "UTF-32", "UTF-16", "ISO-8859-1", "Shift_JIS"])
    func declaredEncodingOtherThanUTF8IsRefused(encoding: String) throws {
        let (domain, profiles) = try Self.partyFiles(domain: Self.partyDomain(declaration: "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>"))
        let message = try #require(Self.failure(domain, profiles))
        #expect(message.hasPrefix("domain.xml:1: the XML declaration gives encoding='\(encoding)'"), "\(message)")
        #expect(message.contains("UTF-8 (or ASCII) only"), "\(message)")
    }

    @Test(arguments: [#"<?xml version="1.0" encoding="utf-8"?>"#, #"<?xml version='1.0' encoding = 'US-ASCII' ?>"#, #"<?xml version="1.0"?>"#, ""])
    func utf8AndASCIIDeclarationsImport(declaration: String) throws {
        let (domain, profiles) = try Self.partyFiles(domain: Self.partyDomain(declaration: declaration))
        #expect(Self.failure(domain, profiles) == nil)
    }

    /// The byte-order marks of UTF-16 and UTF-32, and UTF-16/UTF-32/EBCDIC text without one
    /// (recognized from how `<?` is encoded, XML 1.0 appendix F.1), are refused too; a UTF-8
    /// byte-order mark is read.
    @Test func byteOrderMarksAndWideEncodingsAreRecognized() throws {
        let text = String(decoding: try GeniusFixtures.data("party-domain.xml"), as: UTF8.self)
        let cases: [(bytes: [UInt8], says: String)] = [
            ([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16 (little-endian byte-order mark)"),
            ([0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "UTF-16 (big-endian byte-order mark)"),
            (Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, "UTF-16 (big-endian)"),
            (text.unicodeScalars.flatMap { [0, 0, 0, UInt8($0.value & 0xFF)] }, "UTF-32 (big-endian)"),
            ([0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40], "EBCDIC"),  // "<?xml " in EBCDIC
        ]
        for (bytes, says) in cases {
            let (domain, profiles) = try Self.partyFiles(domain: Data(bytes))
            let message = try #require(Self.failure(domain, profiles))
            #expect(message.hasPrefix("domain.xml:1: the file is encoded as \(says); Accord reads GENIUS files in UTF-8 (or ASCII) only"), "\(message)")
        }
        let (domain, profiles) = try Self.partyFiles(domain: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        #expect(Self.failure(domain, profiles) == nil)
    }

    /// Through the executable: exit 65, the file and the encoding on stderr, nothing on stdout.
    @Test func cliRefusesAnEBCDICDomainWithExit65() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.partyDomain(declaration: #"<?xml version="1.0" encoding="EBCDIC-US"?>"#).write(to: directory.appendingPathComponent("domain.xml"))
        let result = try AccordExecutable.run(["import", "genius", "domain.xml"] + GeniusFixtures.partyPaths().dropFirst(), in: directory)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: domain.xml:1: the XML declaration gives encoding='EBCDIC-US'"), "\(result.stderr)")
    }

    // MARK: Depth (point 3)

    /// `<a><a>…</a></a>`, `depth` levels.
    private static func nested(_ depth: Int) -> Data {
        Data((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
    }

    /// At the limit the document is read (and rejected only for not being a GENIUS file); one
    /// level more stops the parser at the first element beyond the limit, whose line is given.
    @Test func nestingBeyondTheDepthLimitIsRefused() throws {
        let limits = GeniusImport.Limits(maximumDepth: 8)
        let (_, profiles) = try Self.partyFiles()
        let atLimit = try #require(Self.failure(GeniusImport.File(path: "deep.xml", data: Self.nested(8)), profiles, limits: limits))
        #expect(atLimit.contains("expected a GENIUS domain file with a <utility_space> element, found <a>"), "\(atLimit)")
        let beyond = try #require(Self.failure(GeniusImport.File(path: "deep.xml", data: Self.nested(9)), profiles, limits: limits))
        #expect(beyond == "deep.xml:1: elements are nested more than 8 levels deep (GENIUS files have fewer than 10); Accord reads at most 8 levels")
    }

    /// The fuzz's 40,000 levels (1.1 GB and a stack overflow before the limit) are refused at
    /// the standard limit of 64, in a profile as in a domain.
    @Test func fortyThousandLevelsAreRefusedAtSixtyFour() throws {
        let (domain, profiles) = try Self.partyFiles()
        let message = try #require(Self.failure(domain, [profiles[0], GeniusImport.File(path: "deep.xml", data: Self.nested(40_000))]))
        #expect(message == "deep.xml:1: elements are nested more than 64 levels deep (GENIUS files have fewer than 10); Accord reads at most 64 levels")
    }

    // MARK: Integer totals (point 7)

    /// A domain of integer issues `0...upper` each, and a profile with a linear evaluator on each.
    private static func integerFiles(uppers: [Int]) -> (GeniusImport.File, [GeniusImport.File]) {
        let issues = uppers.enumerated().map { k, upper in
            #"<issue index="\#(k + 1)" name="n\#(k + 1)" type="integer" lowerbound="0" upperbound="\#(upper)"/>"#
        }
        let domain = "<negotiation_template><utility_space><objective index=\"0\" name=\"Integers\">\(issues.joined())</objective></utility_space></negotiation_template>"
        let evaluated = uppers.enumerated().map { k, upper in
            #"<issue index="\#(k + 1)" name="n\#(k + 1)" type="integer" lowerbound="0" upperbound="\#(upper)"><evaluator ftype="linear" slope="0.001" offset="0"/></issue><weight index="\#(k + 1)" value="\#(1.0 / Double(uppers.count))"/>"#
        }
        let profile = Data("<utility_space><objective index=\"0\" name=\"Integers\">\(evaluated.joined())</objective></utility_space>".utf8)
        return (GeniusImport.File(path: "domain.xml", data: Data(domain.utf8)),
                [GeniusImport.File(path: "a.xml", data: profile), GeniusImport.File(path: "b.xml", data: profile)])
    }

    /// The bound is on the total: two issues `0...49` (50 + 50 = 100 values) import under a
    /// limit of 100 — 100 options — and `0...49`, `0...50` (101 values) are refused, each issue
    /// being within the limit.
    @Test func integerValuesAreBoundedInTotal() throws {
        let limits = GeniusImport.Limits(maximumIntegerValues: 100)
        let (domain, profiles) = Self.integerFiles(uppers: [49, 49])
        let scenario = try GeniusImport.scenario(domain: domain, profiles: profiles, limits: limits)
        let values: [String] = (0...49).map { String($0) }  // "0" … "49"
        let expected: [IssueDomain] = [.options(values), .options(values)]
        #expect(scenario.issues.map(\.domain) == expected)
        let (over, overProfiles) = Self.integerFiles(uppers: [49, 50])
        let message = try #require(Self.failure(over, overProfiles, limits: limits))
        #expect(message == "domain.xml:1: negotiation_template.utility_space.objective: the 2 integer issues have 101 values in total ('n1' 50, 'n2' 51); Accord imports at most 100 integer values in total (one option per value, for every party): narrow the issues' bounds, or make them discrete issues with fewer items")
    }

    /// The fuzz's ten issues `0...999,999` (each within the per-issue limit; 2.5 GB before they
    /// were bounded in total) are refused at once: 10 × 1,000,000 = 10,000,000 values.
    @Test func tenMillionIntegerValuesAreRefused() throws {
        let (domain, profiles) = Self.integerFiles(uppers: Array(repeating: 999_999, count: 10))
        let message = try #require(Self.failure(domain, profiles))
        #expect(message.contains("the 10 integer issues have 10,000,000 values in total ('n1' 1,000,000, 'n2' 1,000,000,"), "\(message)")
        #expect(message.contains("Accord imports at most 1,000,000 integer values in total"), "\(message)")
    }

    // MARK: Large documents and parser errors (point 11)

    /// A valid domain over libxml2's 10,000,000-byte single-chunk limit ("XML parser error 1"
    /// for the 48.8 MB ANAC-sized domain) imports: here the party domain padded with 620,000
    /// comments of 17 bytes (10.5 MB), giving the same scenario as the fixture.
    @Test func domainOverTenMegabytesImports() throws {
        let padding = String(repeating: "<!-- padding -->\n", count: 620_000)
        let padded = try GeniusFixtures.edited("party-domain.xml", "</objective>", padding + "</objective>")
        #expect(padded.count > 10_500_000)
        let (domain, profiles) = try Self.partyFiles(domain: padded)
        let (plain, _) = try Self.partyFiles()
        let scenario = try GeniusImport.scenario(domain: domain, profiles: profiles)
        #expect(scenario == (try GeniusImport.scenario(domain: plain, profiles: profiles)))
    }

    /// Files over `maximumFileBytes` are refused unread, with their size and the limit. By
    /// `wc -c`: party-domain.xml 1,035 bytes, party-alice.xml 1,132, party-bob.xml 1,093; so a
    /// limit of 1,132 reads them all and 1,131 refuses Alice's profile alone.
    @Test func filesOverTheSizeLimitAreRefused() throws {
        let (domain, profiles) = try Self.partyFiles()
        #expect([domain.data.count] + profiles.map(\.data.count) == [1_035, 1_132, 1_093])
        #expect(Self.failure(domain, profiles, limits: GeniusImport.Limits(maximumFileBytes: 1_132)) == nil)
        let message = Self.failure(domain, profiles, limits: GeniusImport.Limits(maximumFileBytes: 1_131))
        #expect(message == "party-alice.xml: the file has 1,132 bytes; Accord reads GENIUS files of at most 1,131 bytes (reading takes about 15 times the file size in memory)")
        // From the file system, the size is checked before the file is read.
        let paths = try GeniusFixtures.partyPaths()
        #expect(throws: ScenarioError.invalid([ScenarioIssue(file: "party-alice.xml", path: "", line: nil, message: try #require(message).replacingOccurrences(of: "party-alice.xml: ", with: ""))])) {
            try GeniusImport.load(domain: paths[0], profiles: Array(paths[1...2]), limits: GeniusImport.Limits(maximumFileBytes: 1_131))
        }
    }

    /// A single attribute value over libxml2's 10,000,000-byte limit is refused in words that
    /// name the limit, not as "XML parser error 1".
    @Test func attributeOverTheParserLimitNamesTheLimit() throws {
        let huge = try GeniusFixtures.edited("party-domain.xml", #"description="What the office party will be like""#,
                                             "description=\"\(String(repeating: "x", count: 10_100_000))\"")
        let (domain, profiles) = try Self.partyFiles(domain: huge)
        let message = try #require(Self.failure(domain, profiles))
        #expect(message.hasPrefix("domain.xml:"), "\(message)")
        #expect(message.hasSuffix("malformed XML: the XML parser hit one of libxml2's limits (a single name, attribute value or text over 10,000,000 bytes)"), "\(message)")
    }

    /// libxml2's numeric codes in words: an XML declaration after the start (code 64) and an
    /// unclosed processing instruction (code 47) were "XML parser error 64" / "… 47".
    @Test func parserErrorCodesAreWords() throws {
        let misplaced = try GeniusFixtures.edited("party-domain.xml", "<negotiation_template>", #"<negotiation_template><?xml version="1.0"?>"#)
        let (domain, profiles) = try Self.partyFiles(domain: misplaced)
        let message = try #require(Self.failure(domain, profiles))
        #expect(message.hasSuffix("malformed XML: '<?xml' is reserved and allowed only at the very start of the file"), "\(message)")
        let unclosed = try GeniusFixtures.edited("party-domain.xml", "</negotiation_template>", "</negotiation_template><?pi ")
        let (domain2, _) = try Self.partyFiles(domain: unclosed)
        let message2 = try #require(Self.failure(domain2, profiles))
        #expect(message2.hasSuffix("malformed XML: a processing instruction (<?...?>) is not closed"), "\(message2)")
    }

    // MARK: Short excerpts (point 8)

    /// Input text in messages is an excerpt: a 100,000-character weight is quoted by its first
    /// 60 characters and `…`; a list of 1,003 domain items by its first 10 and the count.
    @Test func messagesQuoteShortExcerpts() throws {
        let long = String(repeating: "9x", count: 50_000)
        let alice = try GeniusImport.File(
            path: "alice.xml", data: GeniusFixtures.edited("party-alice.xml", #"<weight index="2" value="0.2"/>"#, "<weight index=\"2\" value=\"\(long)\"/>"))
        let (domain, profiles) = try Self.partyFiles()
        let message = try #require(Self.failure(domain, [alice, profiles[1]]))
        #expect(message.hasSuffix("expected a number, found '\(String(repeating: "9x", count: 30))…'"), "\(message)")
        #expect(message.count < 300)

        // Food's domain items: Pizza, Sushi, Tapas, then i1 … i1000; the first 10 are shown.
        let items = (1...1000).map { #"<item index="\#($0 + 3)" value="i\#($0)"/>"# }.joined()
        let wide = try GeniusFixtures.edited("party-domain.xml", #"<item index="3" value="Tapas"/>"#, #"<item index="3" value="Tapas"/>"# + items)
        let (wideDomain, _) = try Self.partyFiles(domain: wide)
        let unknown = try GeniusImport.File(path: "alice.xml", data: GeniusFixtures.edited("party-alice.xml", #"value="Tapas""#, #"value="Paella""#))
        let listed = try #require(Self.failure(wideDomain, [unknown, profiles[1]]))
        #expect(listed.split(separator: "\n").contains {
            $0.hasSuffix("unknown item 'Paella' of issue 'Food'; domain items: Pizza, Sushi, Tapas, i1, i2, i3, i4, i5, i6, i7, ... (1003 in all)")
        }, "\(listed)")
    }

    // MARK: Raising the limits from the command line

    /// Data/genius/job-offer has one integer issue, "Remote days" 0…4 (5 values, domain.xml line
    /// 21), and files of 1,913, 2,500 and 2,357 bytes (`wc -c`): `--max-integer-values 4` refuses
    /// it naming the flag, 5 imports; `--max-xml-size 2K` (2,048 bytes) refuses employer.xml
    /// naming its flag; both through `import genius` and through `--genius`.
    @Test func commandLineRaisesTheLimitsAndNamesTheFlags() throws {
        let files = ["domain", "employer", "candidate"].map { Repository.data("genius/job-offer/\($0).xml") }
        let tooFew = try AccordExecutable.run(["import", "genius"] + files + ["--max-integer-values", "4"])
        #expect(tooFew.status == 65, "\(tooFew.stderr)")
        #expect(tooFew.stderr.contains("integer issue 'Remote days' has 5 values; Accord imports at most 4 (one option per value); raise the limit with --max-integer-values"), "\(tooFew.stderr)")
        #expect(tooFew.stdout.isEmpty)
        let enough = try AccordExecutable.run(["import", "genius"] + files + ["--max-integer-values", "5"])
        #expect(enough.status == 0, "\(enough.stderr)")
        let small = try AccordExecutable.run(["solve", "--genius"] + files + ["--max-xml-size", "2K"])
        #expect(small.status == 65, "\(small.stderr)")
        #expect(small.stderr.contains("employer.xml: the file has 2,500 bytes; Accord reads GENIUS files of at most 2,048 bytes (reading takes about 15 times the file size in memory); raise the limit with --max-xml-size"), "\(small.stderr)")
        let invalid = try AccordExecutable.run(["solve", "--genius"] + files + ["--max-integer-values", "0"])
        #expect(invalid.status == 64, "\(invalid.stderr)")
    }
}
