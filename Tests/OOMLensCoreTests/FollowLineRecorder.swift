import Foundation
import OOMLensCore

/// A line stage that records line texts and lets another thread wait until a line was seen.
final class FollowLineRecorder: LineStage, @unchecked Sendable {
    private let condition = NSCondition()
    private var lines: [String] = []
    private var seen = Set<String>()

    func process(_ batch: LineBatch, _ context: StageContext) {
        condition.lock()
        for i in 0..<batch.count {
            let text = String(decoding: batch[i], as: UTF8.self)
            lines.append(text)
            seen.insert(text)
        }
        condition.broadcast()
        condition.unlock()
    }

    var texts: [String] {
        condition.lock()
        defer { condition.unlock() }
        return lines
    }

    /// Waits (at most `timeout` seconds) until `text` was delivered; false on timeout.
    @discardableResult
    func waitUntilSeen(_ text: String, timeout: Double = 30) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !seen.contains(text) {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }
}
