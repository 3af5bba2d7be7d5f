import OOMLensSinkAPI

/// Prints a readable report per event, the answer first (cause, diagnosis, advice), then trigger, victim, zones
/// and top tasks; at the end of the run, a timeline per host.
public final class ConsoleSink: RegisteredSink {
    /// Options of the `console` sink.
    public struct Options: ComponentOptions {
        /// Output file; empty or `-` for standard output.
        public var path: String = ""
        /// Task-table rows shown per report, largest RSS first.
        public var topTasks: Int = 5
        /// Print the per-host timeline (number of OOMs, first and last, victims, worst report, causes) at the end.
        public var timeline: Bool = true
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File to write; empty or '-' means standard output.",
             "top_tasks": "Task-table rows shown per report, largest resident set first.",
             "timeline": "At the end of the run, print per host the number of OOMs, the first and last, the victims, the worst report and the causes."]
        }
    }

    public static let name = "console"
    public static let summary = "A readable report per event, the answer first, and a timeline per host at the end"
    public static var targetOption: String? { "path" }

    private let out: OutputFile
    private let topTasks: Int
    private let printTimeline: Bool
    private var timeline = HostTimeline()
    private var closed = false

    public init(options: Options, context: SinkContext) throws(SinkError) {
        out = try OutputFile(path: options.path, sink: Self.name, context: context)
        topTasks = max(0, options.topTasks)
        printTimeline = options.timeline
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        for event in events {
            // Names come from the log: show their control characters instead of sending them to the terminal.
            let e = TerminalSafeText.visible(event)
            try out.write(ConsoleReport.render(e, topTasks: topTasks))
            if printTimeline { timeline.add(e) }
        }
    }

    public func flush() throws(SinkError) { try out.flush() }

    public func close() throws(SinkError) {
        if !closed, printTimeline, !timeline.isEmpty { try out.write(timeline.render()) }
        closed = true
        try out.flush()
    }
}
