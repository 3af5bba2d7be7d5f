import Foundation
import OOMLensCore
import OOMLensTestSupport

/// Runs a ``Follower`` in this process with a recording line stage, while a writer thread appends and rotates.
final class FollowHarness {
    let dir = TemporaryDirectory()
    let wakeup = FollowWakeup()
    var messages: [String] = []
    var recorded: [String] = []
    var options = FollowOptions()

    var live: String { dir.path + "/syslog" }
    var stateDirectory: String { dir.path + "/state" }

    init() {
        options.partialLineMilliseconds = 300
        options.idleMilliseconds = 500
        options.pollMilliseconds = 50
    }

    /// Follows `paths` until `writer` (run on its own thread) returns; then asks the follower to stop.
    @discardableResult
    func follow(_ paths: [String]? = nil, writer: @escaping @Sendable (FollowLineRecorder) -> Void = { _ in })
        throws -> FollowOutcome
    {
        let recorder = FollowLineRecorder()
        let pipeline = Pipeline(lineStages: [], eventStages: [], sinks: [(name: "collect", sink: CollectingSink())])
        let store = try CheckpointStore(directory: stateDirectory)
        let follower = try Follower(paths: paths ?? [live], options: options, pipeline: pipeline,
                                    makeLineStages: { [recorder] }, store: store, wakeup: wakeup,
                                    log: { [unowned self] in self.messages.append($0) })
        let done = DispatchSemaphore(value: 0)
        let wakeup = self.wakeup
        let thread = Thread {
            writer(recorder)
            wakeup.requestStop()
            done.signal()
        }
        thread.start()
        let outcome = follower.run()
        done.wait()
        recorded += recorder.texts
        return outcome
    }

    var texts: [String] { recorded }
}
