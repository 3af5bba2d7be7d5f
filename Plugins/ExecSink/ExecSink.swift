#if canImport(Glibc)
import Glibc
#endif
import Foundation
import OOMLensSinkAPI

/// Runs the user's program and streams events to its stdin as versioned JSON Lines batches, which it
/// acknowledges on its stdout (the protocol is in `Plugins/ExecSink/PROTOCOL.md`).
///
/// The program is started from an argv array with `posix_spawnp`, never through a shell. At most `max_in_flight`
/// batches are unacknowledged at a time: a slow program makes `write` wait (backpressure). `flush` returns once
/// every batch sent so far is acknowledged. A program that exits or closes its pipes is restarted with a growing
/// delay and every unacknowledged batch is sent to the new run, with its original number. Each line the program
/// writes to stderr becomes a warning. After `max_restarts` restarts in a row, or when the program neither reads
/// nor acknowledges for `ack_timeout_ms`, the sink fails with a ``SinkError`` and stops the program.
public final class ExecSink: RegisteredSink {
    public static let name = "exec"
    public static let summary =
        "Streams JSON Lines batches to a program's stdin (argv, no shell); it acknowledges each batch on stdout"
    public static var targetOption: String? { "program" }

    /// How long `close` lets the program exit after its stdin is closed, before SIGTERM.
    static let exitGraceMs = 5_000

    private let command: [String]
    private let options: Options
    private let warn: @Sendable (String) -> Void
    private let encoder = CompactJSONEncoder()
    private var child: ExecChild
    private var buffer: [OOMEvent] = []
    /// Batches sent to the program and not acknowledged, oldest first, with their numbers and bytes.
    private var unacknowledged: [(number: Int, bytes: [UInt8])] = []
    private var nextBatch = 1
    private var restartsInARow = 0
    private var failure: SinkError?
    private var closed = false

    public init(options: Options, context: SinkContext) throws(SinkError) {
        let command = options.command.isEmpty ? (options.program.isEmpty ? [] : [options.program]) : options.command
        guard let first = command.first, !first.isEmpty else {
            throw SinkError(sink: Self.name, message: "no program to run: set command (an argv array) or program")
        }
        guard options.batchSize > 0, options.maxInFlight > 0, options.ackTimeoutMs > 0, options.maxRestarts >= 0,
              options.restartBackoffMs >= 0
        else {
            throw SinkError(sink: Self.name, message: "batch_size, max_in_flight and ack_timeout_ms must be positive,"
                            + " max_restarts and restart_backoff_ms not negative")
        }
        self.command = command
        self.options = options
        warn = context.warn
        child = try ExecChild(command: command, warn: context.warn)
    }

    deinit {
        child.finish(graceMs: 0)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        try checkUsable()
        buffer += events
        while buffer.count >= options.batchSize {
            let batch = Array(buffer.prefix(options.batchSize))
            buffer.removeFirst(batch.count)
            try send(batch)
        }
    }

    public func flush() throws(SinkError) {
        try checkUsable()
        if !buffer.isEmpty {
            let batch = buffer
            buffer.removeAll()
            try send(batch)
        }
        try waitForAcknowledgements(keepingAtMost: 0)
    }

    public func close() throws(SinkError) {
        guard !closed else { return }
        var flushError: SinkError?
        if failure == nil {
            do { try flush() } catch { flushError = error }
        }
        closed = true
        let status = child.finish(graceMs: Self.exitGraceMs)
        if flushError == nil && failure == nil && status != "exit status 0" {
            warn("exec \(child.label): ended with \(status) after its input closed")
        }
        if let error = flushError ?? failure { throw error }
    }

    // MARK: - Sending

    private func checkUsable() throws(SinkError) {
        if let failure { throw failure }
        if closed { throw SinkError(sink: Self.name, message: "the sink is closed") }
    }

    /// Encodes a batch, waits for room in the window of unacknowledged batches, and writes it.
    private func send(_ events: [OOMEvent]) throws(SinkError) {
        var bytes = Array(ExecProtocol.header(batch: nextBatch, events: events.count).utf8)
        for event in events {
            do { bytes += try encoder.encode(event) } catch {
                throw fail("cannot encode event \(event.id): \(error)")
            }
            bytes.append(0x0A)
        }
        try waitForAcknowledgements(keepingAtMost: options.maxInFlight - 1)
        unacknowledged.append((nextBatch, bytes))
        nextBatch += 1
        switch child.write(bytes, timeoutMs: options.ackTimeoutMs) {
        case .written: return
        case .closed: try restart(because: "closed its input")
        case .timedOut: throw fail("\(child.label) did not read its input for \(options.ackTimeoutMs) ms")
        }
    }

    /// Waits until at most `limit` batches are unacknowledged, restarting the program if it goes away. Fails when
    /// no acknowledgement comes for `ack_timeout_ms`.
    private func waitForAcknowledgements(keepingAtMost limit: Int) throws(SinkError) {
        var deadline = Date().addingTimeInterval(Double(options.ackTimeoutMs) / 1000)
        while true {
            let state = child.acks.snapshot
            if apply(acknowledged: state.acknowledged) {
                deadline = Date().addingTimeInterval(Double(options.ackTimeoutMs) / 1000)
            }
            if unacknowledged.count <= limit { return }
            if state.closed {
                try restart(because: "closed its output")
                deadline = Date().addingTimeInterval(Double(options.ackTimeoutMs) / 1000)
                continue
            }
            let after = child.acks.waitForChange(from: state.acknowledged, until: deadline)
            if after.acknowledged == state.acknowledged && !after.closed && Date() >= deadline {
                throw fail("\(child.label) acknowledged nothing for \(options.ackTimeoutMs) ms"
                           + " (waiting for batch \(unacknowledged[0].number))")
            }
        }
    }

    /// Drops the batches up to `acknowledged`; true when that acknowledged something new.
    private func apply(acknowledged: Int) -> Bool {
        let before = unacknowledged.count
        unacknowledged.removeAll { $0.number <= acknowledged }
        guard unacknowledged.count < before else { return false }
        restartsInARow = 0
        return true
    }

    /// Stops what is left of the program, waits (doubling each time in a row), starts it again and sends every
    /// unacknowledged batch again, in order.
    private func restart(because reason: String) throws(SinkError) {
        var reason = reason
        while true {
            let label = child.label
            let status = child.finish(graceMs: 1_000)
            _ = apply(acknowledged: child.acks.snapshot.acknowledged)
            restartsInARow += 1
            guard restartsInARow <= options.maxRestarts else {
                throw fail("\(label) \(reason) (\(status)); gave up after \(options.maxRestarts) restarts in a row")
            }
            let delay = min(options.restartBackoffMs << min(restartsInARow - 1, 16), 30_000)
            warn("exec \(label): \(reason) (\(status)); restarting in \(delay) ms and sending"
                 + " \(unacknowledged.count) unacknowledged batch(es) again")
            if delay > 0 { usleep(useconds_t(delay) * 1000) }
            do { child = try ExecChild(command: command, warn: warn) } catch { throw fail(error.message) }
            var delivered = true
            for batch in unacknowledged {
                switch child.write(batch.bytes, timeoutMs: options.ackTimeoutMs) {
                case .written: continue
                case .closed: delivered = false
                case .timedOut: throw fail("\(child.label) did not read its input for \(options.ackTimeoutMs) ms")
                }
                break
            }
            if delivered { return }
            reason = "closed its input"
        }
    }

    /// Records a failure for good: stops the program and returns the error to throw (now and on every later call).
    private func fail(_ message: String) -> SinkError {
        let error = SinkError(sink: Self.name, message: message)
        failure = error
        child.finish(graceMs: 0)
        return error
    }
}
