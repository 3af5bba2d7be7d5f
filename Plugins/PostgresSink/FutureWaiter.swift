import Foundation
import PostgresNIO

/// Blocks a thread that is not an event loop until a future completes, a deadline passes, or the connection
/// the future belongs to closes.
///
/// `EventLoopFuture.wait()` is not enough: postgres-nio 1.33 writes a query into its channel with no write
/// promise, so a query issued just as the server drops the connection is never answered and its future never
/// completes. Watching the connection's `closeFuture` (with a short grace for the query to fail on its own) and a
/// deadline turns that into an ordinary "connection lost", which the writer retries on a new connection.
final class FutureWaiter<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let signal = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?
    private var closed = false

    private init() {}

    /// The future's value, or a ``PostgresFailure`` (transient when it timed out or the connection closed).
    static func wait(for future: EventLoopFuture<Value>, closeFuture: EventLoopFuture<Void>?, timeoutMs: Int,
                     what: String) throws(PostgresFailure) -> Value {
        let waiter = FutureWaiter<Value>()
        future.whenComplete { r in
            waiter.lock.withLock { waiter.result = r }
            waiter.signal.signal()
        }
        closeFuture?.whenComplete { _ in
            waiter.lock.withLock { waiter.closed = true }
            waiter.signal.signal()
        }
        let deadline = DispatchTime.now() + .milliseconds(max(1, timeoutMs))
        var graceEnd: DispatchTime?
        while true {
            let timedOut = waiter.signal.wait(timeout: graceEnd.map { min($0, deadline) } ?? deadline) == .timedOut
            let (result, closed) = waiter.lock.withLock { (waiter.result, waiter.closed) }
            if let result {
                switch result {
                case .success(let value): return value
                case .failure(let error): throw PostgresFailure(error)
                }
            }
            if timedOut {
                if closed { throw PostgresFailure(message: "connection closed during \(what)", transient: true) }
                throw PostgresFailure(message: "\(what) took longer than \(timeoutMs) ms", transient: true)
            }
            if closed && graceEnd == nil { graceEnd = .now() + .seconds(1) }
        }
    }
}
