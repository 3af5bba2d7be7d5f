/// What became of a line offered to an open report.
enum ReportAppendResult {
    /// Kept for decoding (and in `raw`).
    case kept
    /// Dropped: the report holds its most lines.
    case overLineLimit
    /// Dropped: the report holds its most bytes of text.
    case overByteLimit
}
