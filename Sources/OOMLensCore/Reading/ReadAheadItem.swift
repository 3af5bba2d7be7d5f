/// What ``ReadAheadThread`` hands to the framing thread, in reading order: per input, `opened` then chunks then
/// `end`, or `openFailed` alone.
enum ReadAheadItem {
    /// The next input is open; its modification time (nil for a pipe).
    case opened(modificationTime: Int64?)
    /// The next input could not be opened (missing, unreadable, unsupported compression).
    case openFailed(PipelineError)
    /// `count` decompressed bytes in chunk `slot`, and the compressed bytes consumed once they were made.
    case chunk(slot: Int, count: Int, compressedOffset: Int64)
    /// The end of the current input: the error that ended it, if any, the compressed bytes consumed, and where
    /// bytes that are not gzip began after the last member.
    case end(error: PipelineError?, compressedOffset: Int64, trailingGarbageOffset: Int64?)
}
