/// One input file of a benchmark run, with its sizes measured once before the timed runs.
struct InventoryFile: Sendable {
    var path: String
    /// Recognised by the gzip magic bytes, as oomlens does, not by the name.
    var gzip: Bool
    var diskBytes: Int64
    /// Uncompressed size and line count.
    var bytes: Int64
    var lines: Int64
}
