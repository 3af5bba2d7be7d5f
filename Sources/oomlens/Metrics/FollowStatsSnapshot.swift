import OOMLensCore
import Synchronization

/// The follower's latest statistics: the follow loop publishes them, the `/metrics` server reads them on
/// each request (neither waits for the other beyond a short lock).
final class FollowStatsSnapshot: Sendable {
    private let state = Mutex<(stats: FollowStats, taken: ContinuousClock.Instant)?>(nil)

    /// Replaces the statistics.
    func publish(_ stats: FollowStats) {
        let now = ContinuousClock.now
        state.withLock { $0 = (stats, now) }
    }

    /// The latest statistics and their age in seconds, or nil before the first.
    func latest() -> (stats: FollowStats, age: Double)? {
        guard let latest = state.withLock({ $0 }) else { return nil }
        let elapsed = ContinuousClock.now - latest.taken
        return (latest.stats, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
