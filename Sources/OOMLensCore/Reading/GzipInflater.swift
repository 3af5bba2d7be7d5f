import CZlib

/// Streaming gzip inflate over a ``FileDescriptorReader``, member after member (`cat a.gz b.gz` works).
///
/// The `z_stream` lives on the heap because zlib keeps a pointer back to it. Output goes straight into the
/// caller's buffer. Errors name the file and both the compressed and the decompressed byte position.
final class GzipInflater {
    private let reader: FileDescriptorReader
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var readerAtEnd = false
    private var memberOpen = true
    private var finished = false
    /// Decompressed bytes produced so far.
    private(set) var decompressedOffset: Int64 = 0
    /// Members completed so far.
    private(set) var members = 0
    /// Set when bytes that are not a gzip member follow the last member (they are ignored, as gzip does).
    private(set) var trailingGarbageOffset: Int64?

    /// Starts inflating; `prefix` holds bytes already read from `reader` (used to detect the format).
    init(reader: FileDescriptorReader, prefix: UnsafeRawBufferPointer, inputBufferSize: Int = 1 << 20)
        throws(PipelineError)
    {
        self.reader = reader
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: max(inputBufferSize, prefix.count), alignment: 16)
        if let src = prefix.baseAddress, prefix.count > 0 {
            input.baseAddress!.copyMemory(from: src, byteCount: prefix.count)
        }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(prefix.count)
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            input.deallocate()
            stream.deallocate()
            throw PipelineError(.corruptGzip, "cannot initialise zlib", path: reader.displayPath)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Compressed bytes consumed by inflate so far.
    var compressedOffset: Int64 { reader.offset - Int64(stream.pointee.avail_in) }

    private func error(_ code: PipelineError.Code, _ message: String) -> PipelineError {
        PipelineError(code, message, path: reader.displayPath, compressedOffset: compressedOffset,
                      decompressedOffset: decompressedOffset)
    }

    /// Refills the input buffer when it is empty; returns false at end of file.
    private func refillIfEmpty() throws(PipelineError) -> Bool {
        if stream.pointee.avail_in > 0 { return true }
        if readerAtEnd { return false }
        let n = try reader.read(into: input)
        if n == 0 {
            readerAtEnd = true
            return false
        }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
        return true
    }

    /// An error met after some output was produced: that output is returned first, the error on the next call.
    private var pendingError: PipelineError?

    /// Fills `buffer` with decompressed bytes; returns 0 at the end of the last member.
    ///
    /// - Throws: ``PipelineError`` with code `truncatedGzip` or `corruptGzip`; the bytes decoded before the
    ///   damage are returned by earlier calls.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        if let e = pendingError {
            pendingError = nil
            throw e
        }
        if finished { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while true {
            if !memberOpen {
                // Between members: another one may follow, or garbage, or the end.
                guard try refillIfEmpty() else {
                    finished = true
                    return produced(buffer)
                }
                let first = stream.pointee.next_in[0]
                if first != 0x1f {
                    trailingGarbageOffset = compressedOffset
                    finished = true
                    return produced(buffer)
                }
                guard inflateReset(stream) == Z_OK else { throw error(.corruptGzip, "cannot reset inflate") }
                memberOpen = true
            }
            if stream.pointee.avail_out == 0 { return produced(buffer) }
            if stream.pointee.avail_in == 0 {
                guard try refillIfEmpty() else {
                    return try fail(buffer, .truncatedGzip, "gzip member \(members + 1) ends before its end marker")
                }
            }
            let rc = inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                members += 1
                memberOpen = false
                if stream.pointee.avail_out == 0 { return produced(buffer) }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                return try fail(buffer, .corruptGzip, "gzip member \(members + 1): \(detail)")
            }
        }
    }

    /// Ends the stream with an error: returns what was produced, and throws now if that was nothing.
    private func fail(_ buffer: UnsafeMutableRawBufferPointer, _ code: PipelineError.Code, _ message: String)
        throws(PipelineError) -> Int
    {
        let n = produced(buffer)
        finished = true
        let e = error(code, message)
        if n == 0 { throw e }
        pendingError = e
        return n
    }

    private func produced(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        let n = buffer.count - Int(stream.pointee.avail_out)
        decompressedOffset += Int64(n)
        return n
    }
}
