import OOMLensSinkAPI

/// Writes events into PostgreSQL tables (`oom_events` and its child tables) with idempotent upserts on the id.
///
/// Meant for fleets: many hosts' agents can write into one database, retry, and overlap, and every id still ends
/// up as exactly one row. Events are buffered into transactions of `batch_size` and written on a thread of the
/// sink's own; `flush` returns once everything written so far is committed. A lost server is reconnected and the
/// uncommitted batch is sent again; when the retries run out the sink fails with a ``SinkError``. The SQL is
/// plain PostgreSQL without extensions, so Citus, YugabyteDB and CockroachDB take it too.
public final class PostgresSink: RegisteredSink {
    public static let name = "postgres"
    public static let summary = "PostgreSQL tables (events, zones, buddy counts, tasks, diagnoses), upserted by event id"
    public static var targetOption: String? { "url" }

    private let writer: PostgresWriter
    private let batchSize: Int
    private var buffer: [OOMEvent] = []
    private var closed = false

    public init(options: Options, context: SinkContext) throws(SinkError) {
        guard options.batchSize > 0 else {
            throw SinkError(sink: Self.name, message: "batch_size must be positive")
        }
        batchSize = options.batchSize
        let endpoint = try PostgresEndpoint(options: options)
        writer = try PostgresWriter(endpoint: endpoint, options: options, warn: context.warn)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        try checkOpen()
        buffer += events
        while buffer.count >= batchSize {
            let batch = Array(buffer.prefix(batchSize))
            buffer.removeFirst(batch.count)
            try writer.enqueue(batch)
        }
    }

    public func flush() throws(SinkError) {
        try checkOpen()
        if !buffer.isEmpty {
            let batch = buffer
            buffer.removeAll()
            try writer.enqueue(batch)
        }
        try writer.waitUntilIdle()
    }

    public func close() throws(SinkError) {
        guard !closed else { return }
        var flushError: SinkError?
        do { try flush() } catch { flushError = error }
        closed = true
        do { try writer.stop() } catch { flushError = flushError ?? error }
        if let flushError { throw flushError }
    }

    private func checkOpen() throws(SinkError) {
        if closed { throw SinkError(sink: Self.name, message: "the sink is closed") }
    }
}
