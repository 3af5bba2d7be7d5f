import OOMLensCore

/// `--stats-interval`: prints the follower's statistics as one line on stderr every so many seconds.
final class PeriodicStatsPrinter {
    private let interval: Duration
    private var next: ContinuousClock.Instant

    init(seconds: Double) {
        interval = .milliseconds(Int64((seconds * 1000).rounded()))
        next = .now + interval
    }

    /// Prints `stats` when the interval has passed since the last line.
    func offer(_ stats: FollowStats) {
        let now = ContinuousClock.now
        guard now >= next else { return }
        next = now + interval
        StandardStreams.err(stats.compactLine())
    }
}
