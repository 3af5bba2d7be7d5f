import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Follows paths like `tail -F`, through rotation, and feeds their lines to line stages and the events to the
/// pipeline's sinks, checkpointing only what every sink acknowledged.
///
/// Each path is a stream with its own framer and line stages (``FollowedStream``), so reports in two files never
/// mix; event stages and sinks are the pipeline's, shared. One thread does everything: read what is available
/// (a budget per file in turn), then, with nothing left, fire the idle timers and wait on inotify (or a timeout).
///
/// Delivery is at least once. A checkpoint is written (atomically) only after every sink's `flush()` returned for
/// all events delivered so far, and it records, per path, the first line that a stage still holds (an open report)
/// or else the first byte not delivered yet. A restart reads again from there, so a report cut by a crash is read
/// whole again and emitted with the same id: idempotent sinks (upsert by id) see no duplicate.
public final class Follower {
    private let options: FollowOptions
    private let pipeline: Pipeline
    private let store: CheckpointStore
    private let wakeup: FollowWakeup
    private let log: (String) -> Void
    private var streams: [FollowedStream] = []
    private let started = MonotonicClock()
    private var inputCount = 0
    private var counters: [String: Int] = [:]
    private var deliveredAtCommit = 0
    private var lastCommit = 0.0
    private var uncommittedProgress = true
    private var checkpointErrorShown = false
    private var lastPublished = -Double.infinity
    private var publishPending = false

    /// Called on the follow thread with fresh statistics: before every wait, and while reading at most every
    /// ``statsPublishSeconds``. It should only hand the snapshot over (e.g. store it under a lock).
    public var statsObserver: ((FollowStats) -> Void)?
    /// Shortest time between two calls of ``statsObserver``.
    public var statsPublishSeconds = 0.1

    /// Prepares to follow `paths` (made absolute). `makeLineStages` builds a fresh chain of line stages for each
    /// path; the pipeline's event stages and sinks are shared.
    /// - Throws: what `makeLineStages` throws.
    public init(paths: [String], options: FollowOptions, pipeline: Pipeline,
                makeLineStages: () throws -> [any LineStage], store: CheckpointStore, wakeup: FollowWakeup,
                log: @escaping (String) -> Void) throws {
        self.options = options
        self.pipeline = pipeline
        self.store = store
        self.wakeup = wakeup
        self.log = log
        var seen = Set<String>()
        for path in paths.map(Self.absolute) where seen.insert(path).inserted {
            let stream = FollowedStream(path: path, stages: try makeLineStages(), pipeline: pipeline,
                                        options: options, now: 0, nextInputIndex: { [unowned self] in
                                            self.inputCount += 1
                                            return self.inputCount
                                        }, note: { [log] in log("oomlens: \($0)") })
            streams.append(stream)
        }
    }

    /// `path` made absolute and tidied (`.` and `..` removed), without resolving symbolic links.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardized.path
    }

    private func count(_ name: String, _ amount: Int = 1) {
        counters[name, default: 0] += amount
    }

    /// Follows until a stop or reload is asked or a sink fails; drains, flushes, checkpoints and returns why.
    public func run() -> FollowOutcome {
        let checkpoint: FollowCheckpoint?
        switch store.load() {
        case .none:
            checkpoint = nil
        case .loaded(let loaded):
            checkpoint = loaded
        case .corrupt(let reason, let movedTo):
            checkpoint = nil
            count("checkpoint files set aside")
            let aside = movedTo.map { "It was moved to \($0)." } ?? "It could not be moved aside."
            let choice = options.fromStart
                ? "reading each path's rotation set from its oldest file (--from-start)"
                : "starting at the end of each file (use --from-start to read the rotation sets from their start)"
            log("oomlens: checkpoint \(store.path) cannot be used: \(reason). \(aside) Starting as on a first start: \(choice).")
        }
        for stream in streams {
            if let state = checkpoint?.streams[stream.path] {
                stream.start(.resume(state))
            } else {
                stream.start(.firstStart(fromStart: options.fromStart))
            }
        }
        let watcher = DirectoryWatcher(directories: streams.map { RotationSet.directory(of: $0.path) },
                                       useInotify: options.useInotify)
        deliveredAtCommit = pipeline.eventsDelivered
        _ = commit(now: started.seconds, force: true)
        publishStats(now: started.seconds)

        var outcome = FollowOutcome.stopped
        var requests = FollowWakeup.Requests()
        while true {
            let asked = wakeup.take()
            requests.stop = requests.stop || asked.stop
            requests.reload = requests.reload || asked.reload
            if requests.stop || requests.reload { break }
            let now = started.seconds
            var progressed = false
            for stream in streams where stream.step(now: now) { progressed = true }
            if pipeline.hasFailedSink {
                outcome = .sinkFailed
                break
            }
            if progressed { uncommittedProgress = true }
            var fired = false
            if !progressed {
                for stream in streams where stream.fireTimers(now: now) { fired = true }
                if fired { uncommittedProgress = true }
            }
            let caughtUp = streams.allSatisfy(\.caughtUp)
            let eventsPending = pipeline.eventsDelivered != deliveredAtCommit
            let due = now - lastCommit >= Double(options.checkpointMilliseconds) / 1000
            if (eventsPending && caughtUp) || (due && uncommittedProgress) {
                if !commit(now: now, force: false) {
                    outcome = .sinkFailed
                    break
                }
            }
            publishStats(now: now)
            if progressed || fired { continue }
            var timeout = Double(options.pollMilliseconds) / 1000 * (watcher.isActive ? 4 : 1)
            for stream in streams {
                if let deadline = stream.nextDeadline() { timeout = min(timeout, max(0, deadline - now)) }
            }
            if uncommittedProgress {
                timeout = min(timeout, max(0, lastCommit + Double(options.checkpointMilliseconds) / 1000 - now))
            }
            if publishPending { timeout = min(timeout, max(0, lastPublished + statsPublishSeconds - now)) }
            watcher.wait(timeout: timeout, wakeup: wakeup.descriptor)
        }
        if outcome == .sinkFailed {
            log("oomlens: a sink failed; the checkpoint stays at the last position every sink acknowledged")
            return .sinkFailed
        }
        drain()
        if pipeline.hasFailedSink || !commit(now: started.seconds, force: true) { return .sinkFailed }
        return requests.reload ? .reloadRequested : .stopped
    }

    /// Hands fresh statistics to the observer, unless it had some less than ``statsPublishSeconds`` ago (then
    /// the wait is shortened so that they follow soon).
    private func publishStats(now: Double) {
        guard let statsObserver else { return }
        guard now - lastPublished >= statsPublishSeconds else {
            publishPending = true
            return
        }
        lastPublished = now
        publishPending = false
        statsObserver(stats())
    }

    /// Before returning: reads what the writers have written so far (for at most two seconds).
    private func drain() {
        let limit = started.seconds + 2
        var progressed = true
        while progressed && started.seconds < limit && !pipeline.hasFailedSink {
            progressed = false
            for stream in streams where stream.step(now: started.seconds, draining: true) { progressed = true }
        }
    }

    /// Flushes the sinks (when events were written since the last time) and then saves the positions computed
    /// before the flush. Returns false when a sink failed.
    private func commit(now: Double, force: Bool) -> Bool {
        let state = FollowCheckpoint(written: Self.timestamp(),
                                     streams: Dictionary(uniqueKeysWithValues: streams.map { ($0.path, $0.checkpoint()) }))
        if pipeline.eventsDelivered != deliveredAtCommit || force {
            guard pipeline.flushSinks() else { return false }
        }
        deliveredAtCommit = pipeline.eventsDelivered
        do {
            try store.save(state)
            count("checkpoints written")
            checkpointErrorShown = false
        } catch {
            count("checkpoint write errors")
            if !checkpointErrorShown { log("oomlens: \(error) (the previous checkpoint stays; will retry)") }
            checkpointErrorShown = true
        }
        lastCommit = now
        uncommittedProgress = false
        return true
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// Counters of the pipeline, the stages and the follower, and the progress of every followed path.
    public func stats() -> FollowStats {
        var stats = FollowStats()
        let now = started.seconds
        stats.seconds = now
        stats.events = pipeline.eventsDelivered
        stats.eventsByKind = pipeline.eventsDeliveredByKind
        stats.counters = counters
        for stream in streams {
            stats.lines += stream.framer.lines
            stats.bytes += stream.framer.bytes
            stats.truncatedLines += stream.framer.truncatedLines
            stats.truncatedBytes += stream.framer.truncatedBytes
            for (k, v) in stream.context.counters { stats.counters[k, default: 0] += v }
            for (k, v) in stream.counters { stats.counters[k, default: 0] += v }
            stats.files.append(stream.progress(now: now))
        }
        stats.counters["sink errors"] = pipeline.errors.filter { $0.code == .sinkFailed }.count
        var lineStageEvents: [(stage: String, events: Int)] = []
        for stream in streams {
            for (i, (name, n)) in zip(stream.stageEvents.names, stream.stageEvents.events).enumerated() {
                if i < lineStageEvents.count { lineStageEvents[i].events += n } else { lineStageEvents.append((name, n)) }
            }
        }
        let eventStages = pipeline.eventStageEvents
        stats.eventsByStage = lineStageEvents + zip(eventStages.names, eventStages.events).map { ($0, $1) }
        return stats
    }
}
