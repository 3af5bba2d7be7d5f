import Foundation

/// What one run of the program has answered: the highest batch it acknowledged, and whether its stdout closed.
///
/// Written by the thread that reads the program's stdout, read by the sink's thread; a condition variable guards
/// it and wakes the sink when something changes.
final class ExecAckState: @unchecked Sendable {
    private let condition = NSCondition()
    private var acknowledged = 0
    private var closed = false

    /// Records `ack N` (acknowledgements only ever move forward).
    func acknowledge(_ batch: Int) {
        condition.lock()
        if batch > acknowledged {
            acknowledged = batch
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Records that stdout reached end of file: the program exited or closed it.
    func markClosed() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The current answer.
    var snapshot: (acknowledged: Int, closed: Bool) {
        condition.lock()
        defer { condition.unlock() }
        return (acknowledged, closed)
    }

    /// Waits until the acknowledgement moves past `seen`, stdout closes, or `deadline` passes.
    func waitForChange(from seen: Int, until deadline: Date) -> (acknowledged: Int, closed: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while acknowledged <= seen && !closed {
            if !condition.wait(until: deadline) { break }
        }
        return (acknowledged, closed)
    }
}
