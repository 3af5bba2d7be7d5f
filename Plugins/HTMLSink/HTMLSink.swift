import OOMLensSinkAPI

/// Writes one self-contained HTML report: a timeline of reports per host, and per report the diagnosis, zone
/// bars, the buddy histogram, the top consumers and the raw lines, with no script and no network request.
///
/// Events are kept by id (an update replaces its event); the page is rewritten whole and atomically on every
/// `flush` and on `close`. The timeline keeps every event; details are kept for the newest `max_reports`.
public final class HTMLSink: RegisteredSink {
    /// Options of the `html` sink.
    public struct Options: ComponentOptions {
        /// Report file.
        public var path: String = "oomlens-report.html"
        /// Task-table rows shown per report, largest resident set first.
        public var topTasks: Int = 10
        /// Reports shown in detail (the most recent ones); the timeline shows every report.
        public var maxReports: Int = 200
        public init() {}
        public static var documentation: [String: String] {
            ["path": "HTML file to write, replaced atomically on each flush.",
             "top_tasks": "Task-table rows shown per report, largest resident set first.",
             "max_reports": "Reports shown in detail, the most recent ones; the timeline shows every report."]
        }
    }

    public static let name = "html"
    public static let summary = "One self-contained HTML report: timeline per host, zone bars, buddy histograms, top consumers"
    public static var targetOption: String? { "path" }

    private let path: String
    private let topTasks: Int
    private let maxReports: Int
    private var points: [String: HTMLTimelinePoint] = [:]
    /// Events kept in detail by id, with the sequence number of their last arrival.
    private var detailed: [String: (seq: Int, event: OOMEvent)] = [:]
    private var seq = 0
    private var dirty = true

    public init(options: Options, context: SinkContext) throws(SinkError) {
        path = options.path
        guard !path.isEmpty, path != "-" else {
            throw SinkError(sink: Self.name, message: "needs a file path, not standard output")
        }
        topTasks = max(0, options.topTasks)
        maxReports = max(0, options.maxReports)
        try AtomicFile.replace(path, with: Array(render().utf8), sink: Self.name)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        for e in events {
            points[e.id] = HTMLTimelinePoint(e)
            seq += 1
            detailed[e.id] = (seq, e)
            dirty = true
            if detailed.count > maxReports, let oldest = detailed.min(by: { $0.value.seq < $1.value.seq }) {
                detailed[oldest.key] = nil
            }
        }
    }

    public func flush() throws(SinkError) {
        guard dirty else { return }
        try AtomicFile.replace(path, with: Array(render().utf8), sink: Self.name)
        dirty = false
    }

    public func close() throws(SinkError) { try flush() }

    private func render() -> String {
        let timeline = points.values.sorted { a, b in
            (a.time?.seconds ?? .infinity, a.id) < (b.time?.seconds ?? .infinity, b.id)
        }
        let shown = detailed.values.map { entry in
            (time: entry.event.time.flatMap(LogTime.init)?.seconds ?? .infinity, seq: entry.seq, event: entry.event)
        }.sorted { ($0.time, $0.seq) < ($1.time, $1.seq) }.map(\.event)
        return HTMLReport.document(points: timeline, events: shown, topTasks: topTasks)
    }
}
