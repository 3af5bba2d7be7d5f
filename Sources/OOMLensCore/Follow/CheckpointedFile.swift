/// One file of a followed stream as the checkpoint remembers it: what it is and how far it was read.
public struct CheckpointedFile: Codable, Sendable, Equatable {
    /// Where the file was when it was recorded (a hint for people; files are matched by content).
    public var path: String
    /// The first decompressed bytes: the file's identity through renames and compression.
    public var fingerprint: FileFingerprint
    /// Device and inode when recorded: a hint that tells twins apart and identifies an empty file.
    public var device: UInt64
    public var inode: UInt64
    public var gzip: Bool
    /// Decompressed offset where reading starts again: the first line not yet acknowledged by every sink, or
    /// the start of the oldest report still open. For a finished file, the decompressed length read.
    public var decompressedOffset: Int64
    /// Where reading starts again on disk: the same as `decompressedOffset` for a plain file; for gzip, the
    /// compressed offset of `syncPoint` (0 without one: inflate from the start and skip).
    public var compressedOffset: Int64
    /// 1-based number of the line at `decompressedOffset`.
    public var line: Int
    /// Size on disk and modification time (nanoseconds since the epoch) when recorded.
    public var size: Int64
    public var modifiedNanoseconds: Int64
    /// True when the file was read to its end and will not grow (it was rotated away, or is an archive).
    public var finished: Bool
    /// For gzip: the inflate restart point at or before `decompressedOffset`, if one was saved.
    public var syncPoint: GzipSyncPoint?

    public init(path: String, fingerprint: FileFingerprint, device: UInt64, inode: UInt64, gzip: Bool,
                decompressedOffset: Int64, compressedOffset: Int64, line: Int, size: Int64,
                modifiedNanoseconds: Int64, finished: Bool, syncPoint: GzipSyncPoint? = nil) {
        self.path = path
        self.fingerprint = fingerprint
        self.device = device
        self.inode = inode
        self.gzip = gzip
        self.decompressedOffset = decompressedOffset
        self.compressedOffset = compressedOffset
        self.line = line
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.finished = finished
        self.syncPoint = syncPoint
    }

    /// True when the values are in range (a checkpoint that fails this is treated as corrupt).
    var isWellFormed: Bool {
        fingerprint.isWellFormed && decompressedOffset >= 0 && compressedOffset >= 0 && line >= 1 && size >= 0
            && (syncPoint?.isWellFormed ?? true)
            && (syncPoint.map { $0.decompressedOffset <= decompressedOffset } ?? true)
    }
}
