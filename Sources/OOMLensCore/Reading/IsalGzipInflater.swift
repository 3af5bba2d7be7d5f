#if ISAL
import CISAL

/// Streaming gzip inflate with ISA-L (the `ISAL` package trait), member after member; the same contract as the
/// zlib ``GzipInflater`` it replaces, at about 2.7 times its speed.
///
/// ISA-L checks each member's header, CRC-32 and length itself. Its state (about 85 kB) lives on the heap.
final class IsalGzipInflater {
    private let reader: FileDescriptorReader
    private let state: UnsafeMutablePointer<inflate_state>
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
    init(reader: FileDescriptorReader, prefix: UnsafeRawBufferPointer, inputBufferSize: Int = 1 << 20)
        throws(PipelineError)
    {
        self.reader = reader
        state = .allocate(capacity: 1)
        input = .allocate(byteCount: max(inputBufferSize, prefix.count), alignment: 64)
        if let src = prefix.baseAddress, prefix.count > 0 {
            input.baseAddress!.copyMemory(from: src, byteCount: prefix.count)
        }
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
        state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(prefix.count)
    }

    deinit {
        state.deallocate()
        input.deallocate()
    }

    /// Compressed bytes consumed by inflate so far.
    var compressedOffset: Int64 { reader.offset - Int64(state.pointee.avail_in) }

    private func error(_ code: PipelineError.Code, _ message: String) -> PipelineError {
        PipelineError(code, message, path: reader.displayPath, compressedOffset: compressedOffset,
                      decompressedOffset: decompressedOffset)
    }

    /// Refills the input buffer when it is empty; returns false at end of file.
    private func refillIfEmpty() throws(PipelineError) -> Bool {
        if state.pointee.avail_in > 0 { return true }
        if readerAtEnd { return false }
        let n = try reader.read(into: input)
        if n == 0 {
            readerAtEnd = true
            return false
        }
        state.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_in = UInt32(n)
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
        state.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while true {
            if !memberOpen {
                // Between members: another one may follow, or garbage, or the end.
                guard try refillIfEmpty() else {
                    finished = true
                    return produced(buffer)
                }
                if state.pointee.next_in[0] != 0x1f {
                    trailingGarbageOffset = compressedOffset
                    finished = true
                    return produced(buffer)
                }
                let (nextIn, availIn) = (state.pointee.next_in, state.pointee.avail_in)
                let (nextOut, availOut) = (state.pointee.next_out, state.pointee.avail_out)
                isal_inflate_reset(state)
                state.pointee.crc_flag = UInt32(ISAL_GZIP)
                state.pointee.next_in = nextIn
                state.pointee.avail_in = availIn
                state.pointee.next_out = nextOut
                state.pointee.avail_out = availOut
                memberOpen = true
            }
            if state.pointee.avail_out == 0 { return produced(buffer) }
            if state.pointee.avail_in == 0 {
                guard try refillIfEmpty() else {
                    return try fail(buffer, .truncatedGzip, "gzip member \(members + 1) ends before its end marker")
                }
            }
            let availInBefore = state.pointee.avail_in
            let availOutBefore = state.pointee.avail_out
            let rc = isal_inflate(state)
            if rc == ISAL_INCORRECT_CHECKSUM {
                return try fail(buffer, .corruptGzip, "gzip member \(members + 1): \(trailerProblem())")
            }
            if rc < 0 { return try fail(buffer, .corruptGzip, "gzip member \(members + 1): \(Self.describe(rc))") }
            if state.pointee.block_state == ISAL_BLOCK_FINISH {
                members += 1
                memberOpen = false
                continue
            }
            if state.pointee.avail_in == availInBefore && state.pointee.avail_out == availOutBefore
                && state.pointee.avail_in > 0 && state.pointee.avail_out > 0
            {
                return try fail(buffer, .corruptGzip, "gzip member \(members + 1): inflate made no progress")
            }
        }
    }

    /// Which check of the member's trailer failed: the CRC-32 of the data or its length (ISIZE). ISA-L reports
    /// both as one error; the trailer's 8 bytes are still in the input buffer just before `next_in`.
    private func trailerProblem() -> String {
        let consumed = state.pointee.next_in - input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard consumed >= 8 else { return "incorrect data check or incorrect length check (gzip trailer)" }
        let trailer = UnsafeRawPointer(state.pointee.next_in - 8)
        let storedCRC = trailer.loadUnaligned(as: UInt32.self).littleEndian
        let storedSize = (trailer + 4).loadUnaligned(as: UInt32.self).littleEndian
        if storedCRC != state.pointee.crc { return "incorrect data check (CRC-32 of the gzip trailer)" }
        if storedSize != state.pointee.total_out { return "incorrect length check (ISIZE of the gzip trailer)" }
        return "incorrect data check or incorrect length check (gzip trailer)"
    }

    private static func describe(_ rc: Int32) -> String {
        switch rc {
        case ISAL_INVALID_BLOCK: "invalid deflate block"
        case ISAL_INVALID_SYMBOL: "invalid deflate symbol"
        case ISAL_INVALID_LOOKBACK: "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: "invalid gzip header"
        case ISAL_UNSUPPORTED_METHOD: "unknown compression method"
        default: "ISA-L error \(rc)"
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
        let n = buffer.count - Int(state.pointee.avail_out)
        decompressedOffset += Int64(n)
        return n
    }
}
#endif
