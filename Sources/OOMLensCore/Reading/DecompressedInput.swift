/// One input as decompressed bytes, read in order: what ``LineFramer/frame(_:context:_:)`` and a batch run need.
public protocol DecompressedInput: AnyObject {
    /// Modification time of the file in seconds since the epoch (nil for pipes): the reference for the year.
    var modificationTime: Int64? { get }
    /// Bytes consumed from the file on disk so far.
    var compressedOffset: Int64 { get }
    /// Compressed offset of bytes after the last gzip member that are not a member, if any.
    var trailingGarbageOffset: Int64? { get }
    /// Fills `buffer` with the next decompressed bytes; returns 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int
}
