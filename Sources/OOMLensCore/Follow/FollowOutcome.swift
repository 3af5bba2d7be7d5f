/// Why ``Follower/run()`` returned.
public enum FollowOutcome: Sendable, Equatable {
    /// A stop was asked (SIGINT, SIGTERM): everything available was read, the sinks acknowledged it, the
    /// checkpoint was written.
    case stopped
    /// A reload was asked (SIGHUP): as for a stop; the caller builds the pipeline again and follows on from the
    /// checkpoint.
    case reloadRequested
    /// A sink failed: the checkpoint stays at the last position every sink acknowledged.
    case sinkFailed
}
