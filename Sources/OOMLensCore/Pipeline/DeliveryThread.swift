import Foundation
import OOMLensSinkAPI

/// A thread that takes groups of events from the reading thread, in order, and hands each to `deliver`, so
/// that decoding, event stages and sinks run on the second core beside reading and tokenizing.
///
/// The queue between the two is bounded: when the sinks fall behind, the reading thread waits (backpressure)
/// instead of buffering without limit.
final class DeliveryThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[OOMEvent]] = []
    private var head = 0
    private var finished = false
    private var done = false
    private let capacity: Int
    private let deliver: ([OOMEvent]) -> Void
    /// Groups queued so far, and the most that waited at once.
    private(set) var queuedGroups = 0
    private(set) var deepestQueue = 0

    /// Starts the thread; `deliver` runs on it for every group, in the order of ``enqueue(_:)``.
    init(capacity: Int = 64, deliver: @escaping ([OOMEvent]) -> Void) {
        self.capacity = max(1, capacity)
        self.deliver = deliver
        let thread = Thread { [self] in run() }
        thread.name = "oomlens-delivery"
        thread.start()
    }

    /// Queues one group of events; waits while the queue is full.
    func enqueue(_ events: [OOMEvent]) {
        condition.lock()
        while queue.count - head >= capacity { condition.wait() }
        queue.append(events)
        queuedGroups += 1
        deepestQueue = max(deepestQueue, queue.count - head)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every queued group was delivered, then lets the thread end.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while head == queue.count && !finished { condition.wait() }
            if head == queue.count {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let events = queue[head]
            queue[head] = []
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.broadcast()
            condition.unlock()
            deliver(events)
        }
    }
}
