/// What reading the checkpoint file gave.
public enum CheckpointLoad: Sendable {
    /// No checkpoint yet: the first start.
    case none
    case loaded(FollowCheckpoint)
    /// The file was empty, cut short or not a checkpoint. It was moved aside to `movedTo` (nil when that failed)
    /// and the follower starts as on a first start.
    case corrupt(reason: String, movedTo: String?)
}
