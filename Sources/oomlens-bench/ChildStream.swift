/// Where one standard stream of a spawned child process is connected.
enum ChildStream: Sendable {
    /// The child shares the bench's own stream.
    case inherit
    /// `/dev/null`.
    case discard
    /// A pipe whose other end the bench keeps (to feed or read the child).
    case pipe
    /// A file, created or truncated (for standard input: opened for reading).
    case file(String)

    /// Whether the bench reads what the child writes to this stream.
    var isCaptured: Bool {
        if case .pipe = self { return true }
        return false
    }
}
