#if canImport(Glibc)
import Glibc
#endif

/// One open file of a followed stream: its identity (fingerprint, device, inode), and the reader that delivers its
/// decompressed bytes from a start position, growing plain files included.
///
/// The descriptor stays open until the object goes away, so a file renamed or deleted while it is read is still
/// read to its end. Plain files are read with `pread` at the follower's own offset; gzip files through a
/// ``ResumableGzipReader``, started at a saved restart point when there is one and then skipped forward (without
/// delivering) to the start offset.
final class FollowedFile {
    /// The path it was opened under.
    let path: String
    let device: UInt64
    let inode: UInt64
    let isGzip: Bool
    /// The first decompressed bytes (up to ``FileFingerprint/maxBytes``) when opened.
    private(set) var head: [UInt8]
    private(set) var fingerprint: FileFingerprint
    /// Where the file is in the run and what the stages see of it; set when reading begins.
    var context: InputContext?
    /// Set once the file was read to its end and left (rotated away, an archive done, or truncated): the
    /// decompressed length read, and the number the next line would have had.
    var finishedLength: Int64?
    var finishedLine = 1
    /// The line number at the start offset.
    private(set) var startLine = 1
    /// True while it is the file at the followed path (it may be renamed later).
    var isLive: Bool

    private let fd: Int32
    private var plainOffset: Int64 = 0
    private var gzip: ResumableGzipReader?
    private var startOffset: Int64 = 0
    private var startPoint: GzipSyncPoint?
    private var skipped = false
    /// Set when reading failed; the file is then treated as ended.
    private(set) var failure: PipelineError?
    /// (size, mtime) at the last fingerprint check of a growing plain file.
    private var lastChecked: (Int64, Int64) = (-1, -1)

    /// Opens `path` and reads its head.
    /// - Throws: ``PipelineError`` for a missing or unreadable path, a directory, or xz/zstd/bzip2 content.
    init(path: String, isLive: Bool) throws(PipelineError) {
        self.path = path
        self.isLive = isLive
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let err = errno
            throw PipelineError(err == ENOENT ? .missingPath : .unreadable, String(cString: strerror(err)), path: path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw PipelineError(.unreadable, "not a regular file", path: path)
        }
        self.fd = fd
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        var magic = [UInt8](repeating: 0, count: 6)
        let got = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 6, 0) }
        magic = Array(magic.prefix(max(0, got)))
        if let kind = Self.unsupportedCompression(magic) {
            close(fd)
            throw PipelineError(.unsupportedCompression, "\(kind) compressed input is not supported", path: path)
        }
        isGzip = magic.count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b
        head = []
        fingerprint = FileFingerprint(head: [])
        head = readHead()
        fingerprint = FileFingerprint(head: head)
    }

    deinit {
        close(fd)
    }

    private static func unsupportedCompression(_ b: [UInt8]) -> String? {
        if b.starts(with: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) { return "xz" }
        if b.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return "zstd" }
        if b.count >= 4, b.starts(with: [0x42, 0x5a, 0x68]), (0x31...0x39).contains(b[3]) { return "bzip2" }
        return nil
    }

    /// The first decompressed bytes, up to ``FileFingerprint/maxBytes`` (fewer for a short or damaged file).
    private func readHead() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: FileFingerprint.maxBytes)
        var have = 0
        if isGzip {
            guard let reader = try? ResumableGzipReader(fd: fd, path: path, inputBufferSize: 16 << 10) else {
                return []
            }
            while have < out.count {
                let n = out.withUnsafeMutableBytes { raw -> Int in
                    (try? reader.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[have...]))) ?? 0
                }
                if n == 0 { break }
                have += n
            }
        } else {
            while have < out.count {
                let n = out.withUnsafeMutableBytes { raw in
                    pread(fd, raw.baseAddress! + have, raw.count - have, off_t(have))
                }
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                have += n
            }
        }
        return Array(out.prefix(have))
    }

    // MARK: - what the file is now

    /// Size on disk and modification time (ns) now, from the open descriptor.
    func currentSizeAndTime() -> (size: Int64, modified: Int64) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return (0, 0) }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }

    /// For a growing plain file: true when its content no longer starts with the bytes it was opened with
    /// (copytruncate: truncated, then written again); once true, it stays true. Re-reads the head only when size
    /// or time changed, and lengthens a short fingerprint as the file grows.
    func contentWasReplaced() -> Bool {
        guard !isGzip else { return false }
        if replacementSeen { return true }
        let (size, modified) = currentSizeAndTime()
        guard (size, modified) != lastChecked else { return false }
        lastChecked = (size, modified)
        if size < plainOffset {
            replacementSeen = true
            return true
        }
        guard fingerprint.byteCount > 0 || size > 0 else { return false }
        let now = readHead()
        if fingerprint.byteCount > 0 && !fingerprint.matches(head: now) {
            replacementSeen = true
            return true
        }
        if now.count > head.count {
            head = now
            fingerprint = FileFingerprint(head: now)
        }
        return false
    }

    /// The decompressed length of a gzip file according to its last trailer (ISIZE, modulo 2^32), or nil.
    func gzipTrailerLength() -> UInt32? {
        guard isGzip else { return nil }
        let size = currentSizeAndTime().size
        guard size >= 18 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 4, off_t(size - 4)) }
        guard n == 4 else { return nil }
        return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }

    // MARK: - reading

    /// Sets where reading starts: decompressed offset `offset` (line `line`), for gzip from `point`.
    func start(at offset: Int64, line: Int, syncPoint point: GzipSyncPoint? = nil) {
        startOffset = max(0, offset)
        startLine = max(1, line)
        startPoint = point
        plainOffset = startOffset
    }

    /// The decompressed offset to start at.
    var plannedStart: Int64 { startOffset }

    /// Sets the start after the last complete line (the end of the file, less an unfinished last line), counting
    /// the lines before it so line numbers stay right.
    func startAfterLastCompleteLine() {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { scratch.deallocate() }
        var lines = 0
        var lastLineEnd: Int64 = 0
        var offset: Int64 = 0
        let reader: ResumableGzipReader? = isGzip ? try? ResumableGzipReader(fd: fd, path: path) : nil
        while true {
            let n: Int
            if let reader {
                n = (try? reader.read(into: scratch)) ?? 0
            } else {
                n = pread(fd, scratch.baseAddress!, scratch.count, off_t(offset))
                if n < 0, errno == EINTR { continue }
            }
            if n <= 0 { break }
            var pos = 0
            while pos < n, let hit = memchr(scratch.baseAddress! + pos, 0x0A, n - pos) {
                let at = scratch.baseAddress!.distance(to: hit)
                lines += 1
                lastLineEnd = offset + Int64(at) + 1
                pos = at + 1
            }
            offset += Int64(n)
        }
        start(at: lastLineEnd, line: lines + 1)
    }

    /// Decompressed bytes delivered so far, counted from the start of the file.
    var decompressedOffset: Int64 {
        if isGzip { return skipped ? (gzip?.decompressedOffset ?? startOffset) : startOffset }
        return plainOffset
    }

    /// Bytes of the file on disk consumed so far.
    var compressedOffset: Int64 {
        if isGzip { return gzip?.compressedOffset ?? 0 }
        return plainOffset
    }

    /// The newest inflate restart point at or before `offset` (gzip only).
    func syncPoint(atOrBefore offset: Int64) -> GzipSyncPoint? {
        if let point = gzip?.syncPoint(atOrBefore: offset) { return point }
        if let startPoint, startPoint.decompressedOffset <= offset { return startPoint }
        return nil
    }

    /// Compressed bytes after the last gzip member that are not a member, if any.
    var trailingGarbageOffset: Int64? { gzip?.trailingGarbageOffset }

    /// Fills `buffer` with the next decompressed bytes; 0 when there are none now (the end of a gzip file, or of
    /// what a plain file holds so far).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        do {
            return try isGzip ? readGzip(into: buffer) : readPlain(into: buffer)
        } catch {
            failure = error
            throw error
        }
    }

    /// Set when bytes just read turned out to follow a truncation (the head changed meanwhile).
    private var replacementSeen = false

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        if replacementSeen { return 0 }
        while true {
            let n = pread(fd, buffer.baseAddress!, buffer.count, off_t(plainOffset))
            if n > 0, isLive, fingerprint.byteCount > 0, !fingerprint.matches(head: readHead()) {
                // Truncated and written again between our last look and this read: these bytes are new content
                // at an old offset. Deliver nothing; the stream handles the truncation.
                replacementSeen = true
                return 0
            }
            if n >= 0 {
                plainOffset += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw PipelineError(.unreadable, "read failed: \(String(cString: strerror(errno)))", path: path,
                                compressedOffset: plainOffset)
        }
    }

    private func readGzip(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        if gzip == nil { try openGzip() }
        guard let gzip else { return 0 }
        if !skipped {
            do {
                try skipToStart(gzip, buffer)
            } catch {
                guard startPoint != nil else { throw error }
                // The saved restart point did not work for this file: inflate from byte 0 instead.
                startPoint = nil
                restartedFromZero = true
                let fresh = try ResumableGzipReader(fd: fd, path: path)
                self.gzip = fresh
                try skipToStart(fresh, buffer)
                skipped = true
                return try fresh.read(into: buffer)
            }
            skipped = true
        }
        return try gzip.read(into: buffer)
    }

    /// Set when a saved restart point failed and the file was inflated from byte 0.
    private(set) var restartedFromZero = false

    /// Inflates and drops the bytes before the start offset.
    private func skipToStart(_ gzip: ResumableGzipReader, _ buffer: UnsafeMutableRawBufferPointer)
        throws(PipelineError)
    {
        while gzip.decompressedOffset < startOffset {
            let want = Int(min(Int64(buffer.count), startOffset - gzip.decompressedOffset))
            let n = try gzip.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if n == 0 { break }
        }
    }

    private func openGzip() throws(PipelineError) {
        if let point = startPoint, point.decompressedOffset <= startOffset {
            if let reader = try? ResumableGzipReader(fd: fd, path: path, from: point) {
                gzip = reader
                return
            }
            startPoint = nil
        }
        gzip = try ResumableGzipReader(fd: fd, path: path)
    }
}
