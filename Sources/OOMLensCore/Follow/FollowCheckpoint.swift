/// The contents of the checkpoint file: a format version and one ``StreamCheckpoint`` per followed path.
public struct FollowCheckpoint: Codable, Sendable, Equatable {
    /// The format this build writes and reads.
    public static let currentVersion = 1

    public var version: Int
    /// When it was written, RFC 3339 (for people).
    public var written: String
    /// By absolute path as followed.
    public var streams: [String: StreamCheckpoint]

    public init(written: String, streams: [String: StreamCheckpoint]) {
        version = Self.currentVersion
        self.written = written
        self.streams = streams
    }
}
