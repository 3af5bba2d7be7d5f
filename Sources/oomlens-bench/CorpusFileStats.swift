/// What was written to one generated file.
struct CorpusFileStats: Codable, Sendable {
    var name: String
    var gzip: Bool
    /// Uncompressed bytes and lines.
    var bytes: Int64
    var lines: Int64
    /// Complete kernel OOM-killer reports in the file.
    var reports: Int
    /// Size of the file on disk (compressed for `.gz` files).
    var diskBytes: Int64
}
