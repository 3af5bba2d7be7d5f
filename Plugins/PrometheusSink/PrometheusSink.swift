import OOMLensSinkAPI
import Synchronization

/// Writes OOMLens metrics in the Prometheus text format, as a file for node_exporter's textfile collector.
///
/// The file is replaced atomically (temporary file in the same directory, fsync, rename) on every `flush` and
/// on `close`; the temporary name does not end in `.prom`, so the collector never reads a partial file. With
/// an empty path the text goes to standard output once, at `close`. ``exposition()`` renders the same text
/// at any time, from any thread, for an HTTP `/metrics` endpoint: `oomlens follow` serves one on the `listen`
/// address (then an empty path writes no file and prints nothing).
public final class PrometheusSink: RegisteredSink, @unchecked Sendable {
    /// Options of the `prometheus` sink.
    public struct Options: ComponentOptions {
        /// File to write, e.g. in node_exporter's `--collector.textfile.directory`; empty or `-` for standard output.
        public var path: String = "oomlens.prom"
        /// `oomlens follow` only: serve the metrics on `http://ADDRESS/metrics`; empty for no endpoint.
        public var listen: String = ""
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File for node_exporter's textfile collector (name it *.prom), replaced atomically on each flush; empty or '-' prints the metrics to standard output at the end (with 'listen' set, empty writes no file).",
             "listen": "oomlens follow only: serve the metrics and the follower's own counters on http://HOST:PORT/metrics, e.g. '127.0.0.1:9464' (loopback only unless another address is named; port 0 picks a free port, printed on stderr); empty for no endpoint."]
        }
    }

    public static let name = "prometheus"
    public static let summary = "Prometheus text format for node_exporter's textfile collector: OOM kills by host, victim, cause, cgroup; last kill time"
    public static var targetOption: String? { "path" }

    private let path: String
    /// The address to serve `/metrics` on in follow mode (nil: none).
    public let listen: PrometheusListenAddress?
    private let toStandardOutput: Bool
    private let writesFile: Bool
    private let writeStandardOutput: @Sendable ([UInt8]) -> Void
    /// The metrics and whether they changed since the file was last written; guarded for ``exposition()``.
    private let state = Mutex<(metrics: PrometheusMetrics, dirty: Bool)>((PrometheusMetrics(), true))

    public init(options: Options, context: SinkContext) throws(SinkError) {
        path = options.path
        if options.listen.isEmpty {
            listen = nil
        } else {
            do { listen = try PrometheusListenAddress(options.listen) } catch {
                throw SinkError(sink: Self.name, message: "listen: \(error)")
            }
            if !context.live { context.warn("prometheus: 'listen' is used by oomlens follow only; no endpoint in a batch run") }
        }
        toStandardOutput = path == "-" || (path.isEmpty && (listen == nil || !context.live))
        writesFile = !path.isEmpty && path != "-"
        writeStandardOutput = context.writeStandardOutput
        if writesFile {
            try AtomicFile.replace(path, with: Array(PrometheusMetrics().render().utf8), sink: Self.name)
        }
    }

    /// The current metrics as exposition text (`text/plain; version=0.0.4`).
    public func exposition() -> String {
        state.withLock { $0.metrics.render() }
    }

    /// A copy of the current metrics (for a renderer that adds series of its own).
    public func metrics() -> PrometheusMetrics {
        state.withLock { $0.metrics }
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        state.withLock {
            $0.metrics.record(events)
            $0.dirty = true
        }
    }

    public func runFinished(counters: [String: Int]) {
        state.withLock {
            $0.metrics.setPipelineCounters(counters)
            $0.dirty = true
        }
    }

    public func flush() throws(SinkError) {
        guard writesFile else { return }
        let text: String? = state.withLock { s in
            guard s.dirty else { return nil }
            s.dirty = false
            return s.metrics.render()
        }
        guard let text else { return }
        do {
            try AtomicFile.replace(path, with: Array(text.utf8), sink: Self.name)
        } catch {
            state.withLock { $0.dirty = true }
            throw error
        }
    }

    public func close() throws(SinkError) {
        if toStandardOutput {
            writeStandardOutput(Array(exposition().utf8))
        } else if writesFile {
            try flush()
        }
    }
}
