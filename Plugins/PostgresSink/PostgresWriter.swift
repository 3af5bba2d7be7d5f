import Foundation
import OOMLensSinkAPI
import PostgresNIO

/// Writes batches to the server on a thread of its own, one transaction per batch, with reconnection and retries.
///
/// postgres-nio runs on a private one-thread event loop group. The writer thread blocks on its futures, which is
/// allowed because it is not an event-loop thread; nothing ever blocks an event loop. Callers hand batches over
/// through a bounded queue guarded by one condition variable, so a slow server slows the caller down instead of
/// growing memory. A batch leaves the queue only once its `COMMIT` succeeded (that is the acknowledgement) or it
/// failed for good. After a failure for good the thread closes the connection, shuts the group down and exits;
/// every later call reports that failure.
final class PostgresWriter: @unchecked Sendable {
    private let endpoint: PostgresEndpoint
    private let configuration: PostgresConnection.Configuration
    private let options: PostgresSink.Options
    private let warn: @Sendable (String) -> Void
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let logger: Logger

    /// Batches queued or in progress that `enqueue` allows before it waits.
    private let queueLimit = 2

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [[OOMEvent]] = []
    private var inProgress = false
    private var failure: SinkError?
    private var stopping = false
    private var finished = false

    // Used by the writer thread only (and by `init` before that thread starts).
    private var connection: PostgresConnection?
    private var nextConnectionID = 1
    private var schemaReady = false
    private var retrying = false

    /// Connects and creates the schema (with the same retries as a batch), then starts the writer thread.
    init(endpoint: PostgresEndpoint, options: PostgresSink.Options, warn: @escaping @Sendable (String) -> Void)
        throws(SinkError)
    {
        self.endpoint = endpoint
        self.options = options
        self.warn = warn
        var logger = Logger(label: "oomlens.postgres")
        logger.logLevel = .critical
        self.logger = logger
        do {
            configuration = try endpoint.configuration()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        if case .failure(let error) = withRetries(what: "connecting", { () throws(PostgresFailure) in
            _ = try self.connected()
        }) {
            try? group.syncShutdownGracefully()
            throw error
        }
        let thread = Thread { [self] in run() }
        thread.name = "oomlens-postgres"
        thread.start()
    }

    /// Queues a batch for writing; waits while the queue is full.
    func enqueue(_ events: [OOMEvent]) throws(SinkError) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= queueLimit && failure == nil && !finished { condition.wait() }
        if let failure { throw failure }
        guard !finished else { throw SinkError(sink: PostgresSink.name, message: "the sink is closed") }
        queue.append(events)
        condition.broadcast()
    }

    /// Waits until every queued batch is committed, or throws the failure that stopped the writer.
    func waitUntilIdle() throws(SinkError) {
        condition.lock()
        defer { condition.unlock() }
        while (!queue.isEmpty || inProgress) && failure == nil { condition.wait() }
        if let failure { throw failure }
    }

    /// Lets the thread finish the queue, then waits for it to close the connection and exit.
    func stop() throws(SinkError) {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        if let failure { throw failure }
    }

    // MARK: - Writer thread

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                break
            }
            let events = queue[0]
            inProgress = true
            condition.unlock()

            let result = write(events)

            condition.lock()
            queue.removeFirst()
            inProgress = false
            if case .failure(let error) = result {
                failure = error
                queue.removeAll()
                stopping = true
            }
            condition.broadcast()
            condition.unlock()
        }
        if let connection {
            _ = try? FutureWaiter.wait(for: connection.close(), closeFuture: nil, timeoutMs: 5_000, what: "closing")
        }
        connection = nil
        try? group.syncShutdownGracefully()
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func write(_ events: [OOMEvent]) -> Result<Void, SinkError> {
        let batch: PostgresBatch
        do { batch = try PostgresBatch(events) } catch { return .failure(error) }
        return withRetries(what: "writing \(batch.eventCount) events") { () throws(PostgresFailure) in
            try self.commit(batch)
        }
    }

    /// Runs `body` until it succeeds, fails for good, or has used up its retries, waiting longer each time.
    private func withRetries(what: String, _ body: () throws(PostgresFailure) -> Void) -> Result<Void, SinkError> {
        var delay = max(1, options.retryBackoffMs)
        let attempts = max(0, options.retries) + 1
        for attempt in 1...attempts {
            do {
                try body()
                if retrying {
                    warn("postgres \(endpoint): back after \(attempt - 1) failed attempts")
                    retrying = false
                }
                return .success(())
            } catch {
                guard error.transient, attempt < attempts else {
                    let tries = error.transient ? " after \(attempts) attempts" : ""
                    return .failure(SinkError(sink: PostgresSink.name,
                                              message: "\(endpoint): \(what) failed\(tries): \(error.message)"))
                }
                warn("postgres \(endpoint): \(what) failed: \(error.message); retrying in \(delay) ms"
                     + " (attempt \(attempt + 1) of \(attempts))")
                retrying = true
                usleep(useconds_t(delay) * 1000)
                delay = min(delay * 2, 10_000)
            }
        }
        return .failure(SinkError(sink: PostgresSink.name, message: "\(endpoint): \(what) failed"))
    }

    /// One transaction: upsert the events, replace their child rows, commit.
    private func commit(_ batch: PostgresBatch) throws(PostgresFailure) {
        let conn = try connected()
        do {
            try execute("BEGIN", on: conn)
            for statement in batch.statements { try execute(statement, on: conn) }
            try execute("COMMIT", on: conn)
        } catch {
            if connection != nil, (try? execute("ROLLBACK", on: conn)) == nil { drop(conn) }
            throw error
        }
    }

    /// The open connection, or a new one (with the schema created on the first).
    private func connected() throws(PostgresFailure) -> PostgresConnection {
        if let connection, !connection.isClosed {
            if !schemaReady {
                try createSchema(on: connection)
                schemaReady = true
            }
            return connection
        }
        connection = nil
        let id = nextConnectionID
        nextConnectionID += 1
        let future = PostgresConnection.connect(on: group.next(), configuration: configuration, id: id,
                                                logger: logger)
        let conn: PostgresConnection
        do {
            conn = try FutureWaiter.wait(for: future, closeFuture: nil, timeoutMs: endpoint.connectTimeoutMs + 5_000,
                                         what: "connecting")
        } catch {
            future.whenSuccess { $0.close().whenComplete { _ in } }
            throw error
        }
        connection = conn
        if !schemaReady {
            try createSchema(on: conn)
            schemaReady = true
        }
        return conn
    }

    /// Creates the tables and indexes. Two writers creating them at the same moment can collide in the catalog
    /// (a duplicate-key or already-exists error); the statement is then simply run again.
    private func createSchema(on conn: PostgresConnection) throws(PostgresFailure) {
        for statement in PostgresSchema.createStatements {
            var attempt = 0
            while true {
                do {
                    try execute(PostgresQuery(unsafeSQL: statement), on: conn)
                    break
                } catch {
                    let collision = ["23505", "42P07", "42710"].contains { error.message.contains(" \($0):") }
                    attempt += 1
                    guard collision, attempt < 5 else { throw error }
                    usleep(50_000)
                }
            }
        }
    }

    /// Runs one statement, giving up on the connection when it closes or the statement takes longer than
    /// `query_timeout_ms`.
    private func execute(_ query: PostgresQuery, on conn: PostgresConnection) throws(PostgresFailure) {
        guard !conn.isClosed else {
            drop(conn)
            throw PostgresFailure(message: "connection closed", transient: true)
        }
        do {
            _ = try FutureWaiter.wait(for: conn.query(query, logger: logger), closeFuture: conn.closeFuture,
                                      timeoutMs: options.queryTimeoutMs, what: "a statement")
        } catch {
            if conn.isClosed || error.message.hasPrefix("a statement took") || error.message.hasPrefix("connection closed") {
                drop(conn)
            }
            throw error
        }
    }

    private func drop(_ conn: PostgresConnection) {
        if !conn.isClosed { conn.close().whenComplete { _ in } }
        if connection === conn { connection = nil }
    }
}
