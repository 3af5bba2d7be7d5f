import Foundation

/// The record of a generated corpus, written as a hidden JSON file next to the logs so that `run` can
/// compare what oomlens finds with what was generated. Hidden files are not inputs: neither `run` nor
/// `oomlens` reads them as logs.
struct CorpusManifest: Codable, Sendable {
    static let fileName = ".oomlens-bench-corpus.json"

    var generator = "oomlens-bench generate"
    var seed: UInt64
    var requestedSize: String
    var layout: CorpusLayout
    var reportsPerGB: Double
    var reportsEnabled: Bool
    var bytes: Int64
    var lines: Int64
    var reports: Int
    var diskBytes: Int64
    var files: [CorpusFileStats]

    func write(toDirectory directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName))
    }

    /// The manifest of `directory`, or nil when there is none or it cannot be read.
    static func read(fromDirectory directory: String) -> CorpusManifest? {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(CorpusManifest.self, from: data)
    }
}
