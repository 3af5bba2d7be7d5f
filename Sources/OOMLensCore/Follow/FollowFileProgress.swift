/// How far one followed file has been read, against its size: for `--stats`.
public struct FollowFileProgress: Sendable {
    /// The followed path, and the file being read for it (a rotated one while catching up).
    public var stream: String
    public var path: String
    public var gzip: Bool
    /// Bytes of the file on disk consumed, and its size.
    public var diskOffset: Int64
    public var diskSize: Int64
    /// Decompressed bytes read.
    public var offset: Int64
    /// Files still to read before the live one (catching up on a rotation set).
    public var queuedFiles: Int
    /// True when everything the writer wrote has been read.
    public var caughtUp: Bool
    /// Seconds since the follower was last at the writer's end of the file (0 when caught up).
    public var lagSeconds: Double
    /// Seconds since bytes were last read for this path (nil before the first).
    public var secondsSinceRead: Double?
    /// True while the path does not exist (waiting for it).
    public var waiting: Bool

    /// Bytes on disk not read yet.
    public var lagBytes: Int64 { max(0, diskSize - diskOffset) }
}
