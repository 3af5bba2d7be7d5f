import OOMLensSinkAPI
import Synchronization

/// Reports whose events were emitted undecoded, waiting for ``OOMBlockAssemblerStage/complete(_:_:)`` to decode
/// them on the delivery thread. First in, first out: events are completed in the order they were emitted.
final class PendingDecodes: Sendable {
    private let queue = Mutex<[(id: String, text: ReportText)]>([])

    /// Remembers the messages of the event `id` just emitted.
    func add(id: String, text: ReportText) {
        queue.withLock { $0.append((id, text)) }
    }

    /// Decodes every event of `events` that has lines waiting (in order), leaving the others as they are, each
    /// with at most `maxTaskRows` task rows; returns the rows dropped over that limit.
    @discardableResult
    func decode(_ events: inout [OOMEvent], maxTaskRows: Int = .max) -> Int {
        var dropped = 0
        let waiting = queue.withLock { pending -> [(id: String, text: ReportText)] in
            let count = min(pending.count, events.count)
            let taken = Array(pending.prefix(count))
            return taken
        }
        var used = 0
        for index in events.indices where used < waiting.count && events[index].id == waiting[used].id {
            dropped += ReportDecoder.decode(waiting[used].text.lines(), into: &events[index], maxTaskRows: maxTaskRows)
            used += 1
        }
        if used > 0 { queue.withLock { $0.removeFirst(used) } }
        return dropped
    }
}
