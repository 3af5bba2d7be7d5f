/// How `oomlens follow` reads: where it starts, how long it waits before it treats the data as idle, how often it
/// checkpoints.
public struct FollowOptions: Sendable {
    /// Without a checkpoint, read each path's rotation set from its oldest file (else start at the live file's end).
    public var fromStart = false
    /// Quiet time at the end of the data after which stages emit what they hold (a report with no kill line).
    public var idleMilliseconds = 2000
    /// Quiet time after which an unfinished last line (no line feed yet) is delivered as a line.
    public var partialLineMilliseconds = 1000
    /// Longest time between two checkpoints while data keeps coming.
    public var checkpointMilliseconds = 1000
    /// How often paths are checked when inotify is not available (and, with inotify, the safety re-check is 4×).
    public var pollMilliseconds = 250
    /// After a rename rotation, how long the old file is still watched when the new file stays empty.
    public var rotateWaitMilliseconds = 1000
    /// Bytes read from one file before the others get their turn.
    public var readBudgetBytes = 4 << 20
    /// Use inotify on the paths' directories (polling otherwise).
    public var useInotify = true
    /// Longest line kept, bytes read at a time, and lines per batch (the `files` source's options).
    public var maxLineBytes = 1 << 20
    public var readBytes = 1 << 20
    public var batchLines = 8192

    public init() {}
}
