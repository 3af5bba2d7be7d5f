import CZlib
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Streaming gzip inflate (member after member) that saves inflate restart points as it goes, and can start at one.
///
/// While inflating it stops at deflate block ends (`Z_BLOCK`) and, every ``syncPointSpacing`` output bytes,
/// records a ``GzipSyncPoint``: the compressed offset, the unused bits of the last byte and the 32 KiB window.
/// Started at such a point, it primes a raw inflate with those bits and that window, and skips the member's
/// trailer itself (the trailer's CRC is not checked for a member entered in the middle). Reads use `pread`, so
/// the descriptor's position is never used and other readers of the same descriptor are not disturbed.
final class ResumableGzipReader {
    /// Output bytes between two saved restart points.
    static let syncPointSpacing: Int64 = 4 << 20
    /// Restart points kept in memory (the newest ones).
    static let keptSyncPoints = 16

    private let fd: Int32
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private let window: UnsafeMutablePointer<UInt8>
    /// Next compressed byte to read from the file.
    private var fileOffset: Int64
    private var fileAtEnd = false
    /// Inside a member entered at a restart point: zlib runs raw deflate and the trailer is skipped here.
    private var raw: Bool
    private var memberOpen = true
    private var finished = false
    private var pendingError: PipelineError?
    private var lastSyncOutput: Int64

    /// Decompressed bytes produced so far (counted from the start of the file).
    private(set) var decompressedOffset: Int64
    /// Restart points saved so far, oldest first (the newest ``keptSyncPoints``).
    private(set) var syncPoints: [GzipSyncPoint] = []
    /// Set when bytes that are not a gzip member follow the last member (they are ignored, as gzip does).
    private(set) var trailingGarbageOffset: Int64?

    /// Starts inflating the gzip file open on `fd` at its beginning, or at `point`.
    /// - Throws: ``PipelineError`` `corrupt-gzip` when zlib refuses the restart point.
    init(fd: Int32, path: String, from point: GzipSyncPoint? = nil, inputBufferSize: Int = 256 << 10)
        throws(PipelineError)
    {
        self.fd = fd
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: inputBufferSize, alignment: 16)
        window = .allocate(capacity: 32768)
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = 0
        if let point {
            raw = true
            decompressedOffset = point.decompressedOffset
            lastSyncOutput = point.decompressedOffset
            fileOffset = point.compressedOffset - (point.bits > 0 ? 1 : 0)
            var rc = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            if rc == Z_OK, point.bits > 0 {
                var byte: UInt8 = 0
                if pread(fd, &byte, 1, off_t(fileOffset)) == 1 {
                    fileOffset += 1
                    rc = inflatePrime(stream, Int32(point.bits), Int32(byte) >> (8 - Int32(point.bits)))
                } else {
                    rc = Z_DATA_ERROR
                }
            }
            if rc == Z_OK, !point.window.isEmpty {
                rc = point.window.withUnsafeBytes { w in
                    inflateSetDictionary(stream, w.baseAddress!.assumingMemoryBound(to: Bytef.self), UInt32(w.count))
                }
            }
            guard rc == Z_OK else {
                inflateEnd(stream)
                stream.deallocate()
                input.deallocate()
                window.deallocate()
                throw PipelineError(.corruptGzip, "cannot start inflating at the saved restart point (zlib \(rc))",
                                    path: path, compressedOffset: point.compressedOffset,
                                    decompressedOffset: point.decompressedOffset)
            }
        } else {
            raw = false
            decompressedOffset = 0
            lastSyncOutput = 0
            fileOffset = 0
            guard czlib_inflate_init_gzip(stream) == Z_OK else {
                stream.deallocate()
                input.deallocate()
                window.deallocate()
                throw PipelineError(.corruptGzip, "cannot initialise zlib", path: path)
            }
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
        window.deallocate()
    }

    /// Compressed bytes consumed by inflate so far.
    var compressedOffset: Int64 { fileOffset - Int64(stream.pointee.avail_in) }

    /// The newest restart point at or before decompressed offset `offset`.
    func syncPoint(atOrBefore offset: Int64) -> GzipSyncPoint? {
        syncPoints.last { $0.decompressedOffset <= offset }
    }

    private func error(_ code: PipelineError.Code, _ message: String) -> PipelineError {
        PipelineError(code, message, path: path, compressedOffset: compressedOffset,
                      decompressedOffset: decompressedOffset)
    }

    /// Refills the input buffer when it is empty; returns false at end of file.
    private func refillIfEmpty() throws(PipelineError) -> Bool {
        if stream.pointee.avail_in > 0 { return true }
        if fileAtEnd { return false }
        while true {
            let n = pread(fd, input.baseAddress!, input.count, off_t(fileOffset))
            if n < 0 {
                if errno == EINTR { continue }
                throw error(.unreadable, "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                fileAtEnd = true
                return false
            }
            fileOffset += Int64(n)
            stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(n)
            return true
        }
    }

    /// Skips `count` compressed bytes (a member trailer after raw inflate); false when the file ends first.
    private func skipCompressed(_ count: Int) throws(PipelineError) -> Bool {
        var left = count
        while left > 0 {
            guard try refillIfEmpty() else { return false }
            let n = min(left, Int(stream.pointee.avail_in))
            stream.pointee.next_in += n
            stream.pointee.avail_in -= UInt32(n)
            left -= n
        }
        return true
    }

    /// Fills `buffer` with decompressed bytes; returns 0 at the end of the last member.
    ///
    /// - Throws: ``PipelineError`` `truncated-gzip` or `corrupt-gzip`; the bytes decoded before the damage are
    ///   returned by earlier calls.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        if let e = pendingError {
            pendingError = nil
            throw e
        }
        if finished || buffer.count == 0 { return 0 }
        let capacity = min(buffer.count, Int(UInt32.max))
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(capacity)
        var produced = 0
        func take() -> Int {
            let now = capacity - Int(stream.pointee.avail_out)
            let n = now - produced
            produced = now
            decompressedOffset += Int64(n)
            return n
        }
        while true {
            if !memberOpen {
                guard try refillIfEmpty() else {
                    finished = true
                    _ = take()
                    return produced
                }
                if stream.pointee.next_in[0] != 0x1f {
                    trailingGarbageOffset = compressedOffset
                    finished = true
                    _ = take()
                    return produced
                }
                guard inflateReset2(stream, 15 + 32) == Z_OK else { throw error(.corruptGzip, "cannot reset inflate") }
                raw = false
                memberOpen = true
            }
            if stream.pointee.avail_out == 0 {
                _ = take()
                return produced
            }
            if stream.pointee.avail_in == 0 {
                guard try refillIfEmpty() else {
                    _ = take()
                    return try fail(produced, .truncatedGzip, "the gzip member ends before its end marker")
                }
            }
            let rc = inflate(stream, Z_BLOCK)
            _ = take()
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                let type = stream.pointee.data_type
                if type & 128 != 0, type & 64 == 0, decompressedOffset - lastSyncOutput >= Self.syncPointSpacing {
                    saveSyncPoint(bits: Int(type & 7))
                }
            case Z_STREAM_END:
                memberOpen = false
                if raw {
                    // Raw inflate stops at the end of the deflate data: the 8-byte trailer is still ahead.
                    guard try skipCompressed(8) else {
                        return try fail(produced, .truncatedGzip, "the gzip member's trailer is cut short")
                    }
                }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                return try fail(produced, .corruptGzip, "gzip data: \(detail)")
            }
        }
    }

    private func saveSyncPoint(bits: Int) {
        var length: UInt32 = 32768
        guard inflateGetDictionary(stream, window, &length) == Z_OK else { return }
        let point = GzipSyncPoint(compressedOffset: compressedOffset, bits: bits,
                                  decompressedOffset: decompressedOffset,
                                  window: Data(bytes: window, count: Int(length)))
        syncPoints.append(point)
        if syncPoints.count > Self.keptSyncPoints { syncPoints.removeFirst() }
        lastSyncOutput = decompressedOffset
    }

    /// Ends the stream with an error: returns what was produced, and throws now if that was nothing.
    private func fail(_ produced: Int, _ code: PipelineError.Code, _ message: String) throws(PipelineError) -> Int {
        finished = true
        let e = error(code, message)
        if produced == 0 { throw e }
        pendingError = e
        return produced
    }
}
