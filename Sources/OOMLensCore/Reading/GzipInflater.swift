/// Streaming gzip inflate over a ``FileDescriptorReader``, member after member (`cat a.gz b.gz` works), with
/// the inflate library given by `Engine`.
///
/// Output goes straight into the caller's buffer. Errors name the file and both the compressed and the
/// decompressed byte position.
final class GzipInflater<Engine: InflateEngine> {
    private let reader: FileDescriptorReader
    private let engine: Engine
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
    /// An error met after some output was produced: that output is returned first, the error on the next call.
    private var pendingError: PipelineError?

    /// Starts inflating; `prefix` holds bytes already read from `reader` (used to detect the format).
    init(reader: FileDescriptorReader, prefix: UnsafeRawBufferPointer, engine: Engine?,
         inputBufferSize: Int = 1 << 20) throws(PipelineError)
    {
        guard let engine else {
            throw PipelineError(.corruptGzip, "cannot initialise the inflate library", path: reader.displayPath)
        }
        self.reader = reader
        self.engine = engine
        input = .allocate(byteCount: max(inputBufferSize, prefix.count), alignment: 64)
        if let src = prefix.baseAddress, prefix.count > 0 {
            input.baseAddress!.copyMemory(from: src, byteCount: prefix.count)
        }
        engine.setInput(input.baseAddress!.assumingMemoryBound(to: UInt8.self), count: prefix.count)
    }

    deinit { input.deallocate() }

    /// Compressed bytes consumed by inflate so far.
    var compressedOffset: Int64 { reader.offset - Int64(engine.availableInput) }

    private func error(_ code: PipelineError.Code, _ message: String) -> PipelineError {
        PipelineError(code, message, path: reader.displayPath, compressedOffset: compressedOffset,
                      decompressedOffset: decompressedOffset)
    }

    /// Refills the input buffer when it is empty; returns false at end of file.
    private func refillIfEmpty() throws(PipelineError) -> Bool {
        if engine.availableInput > 0 { return true }
        if readerAtEnd { return false }
        let n = try reader.read(into: input)
        if n == 0 {
            readerAtEnd = true
            return false
        }
        engine.setInput(input.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
        return true
    }

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
        engine.setOutput(buffer)
        while true {
            if !memberOpen {
                // Between members: another one may follow, or garbage, or the end.
                guard try refillIfEmpty() else {
                    finished = true
                    return produced(buffer)
                }
                if engine.nextInput[0] != 0x1f {
                    trailingGarbageOffset = compressedOffset
                    finished = true
                    return produced(buffer)
                }
                guard engine.resetForNextMember() else { throw error(.corruptGzip, "cannot reset inflate") }
                memberOpen = true
            }
            if engine.availableOutput == 0 { return produced(buffer) }
            if engine.availableInput == 0 {
                guard try refillIfEmpty() else {
                    return try fail(buffer, .truncatedGzip, "gzip member \(members + 1) ends before its end marker")
                }
            }
            switch engine.step() {
            case .going:
                continue
            case .memberEnd:
                members += 1
                memberOpen = false
            case .corrupt(let detail):
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
        let n = buffer.count - engine.availableOutput
        decompressedOffset += Int64(n)
        return n
    }
}
