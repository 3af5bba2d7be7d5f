/// What one generated file will hold: its name, whether it is gzipped, how much noise text it gets and the
/// slice of time its lines cover.
struct CorpusFilePlan: Sendable {
    /// Position in the corpus, oldest first; also selects the file's random streams.
    var index: Int
    var name: String
    var gzip: Bool
    /// Bytes of noise (everything but OOM reports) to write; reports come on top.
    var noiseBudget: Int64
    /// The file's time slot, in milliseconds from the corpus start.
    var startMilliseconds: Int64
    var endMilliseconds: Int64
    /// Mean clock advance per noise line, so that the lines fill the slot.
    var meanMillisecondsPerLine: Int64
    /// Mean noise bytes between two OOM reports (0 = no reports), so that reports come at the requested rate
    /// per byte of the whole file.
    var meanNoiseBytesBetweenReports: Double
}
