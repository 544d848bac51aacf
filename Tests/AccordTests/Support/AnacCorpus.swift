import Foundation

/// The shared ANAC corpus (`../shared/anac`, public GENIUS data; absent in a user's clone, where
/// the tests that read it skip, saying so).
enum AnacCorpus {
    static let root = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/anac")

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Each folder of `year` (`y2012`, `y2015`) that has a domain — the file whose root element is
    /// `negotiation_template` — with its profiles, all sorted by name.
    static func folders(_ year: String) throws -> [(name: String, domain: URL, profiles: [URL])] {
        let base = root.appendingPathComponent(year)
        return try FileManager.default.contentsOfDirectory(atPath: base.path).sorted().compactMap { folder in
            let directory = base.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }.sorted()
                .map { directory.appendingPathComponent($0) }
            let isDomain = { (url: URL) in
                (FileManager.default.contents(atPath: url.path)).map { String(decoding: $0, as: UTF8.self).contains("<negotiation_template") } ?? false
            }
            guard let domain = files.first(where: isDomain) else { return nil }
            return (folder, domain, files.filter { $0 != domain })
        }
    }
}
