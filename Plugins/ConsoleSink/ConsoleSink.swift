import OOMLensSinkAPI

/// Prints a readable report per event: the answer first (diagnosis), then trigger, victim, zones and top tasks.
public final class ConsoleSink: RegisteredSink {
    /// Options of the `console` sink.
    public struct Options: ComponentOptions {
        /// Output file; empty or `-` for standard output.
        public var path: String = ""
        /// Task-table rows shown per report, largest RSS first.
        public var topTasks: Int = 5
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File to write; empty or '-' means standard output.",
             "top_tasks": "Task-table rows shown per report, largest resident set first."]
        }
    }

    public static let name = "console"
    public static let summary = "A readable report per event, for people"
    public static var targetOption: String? { "path" }

    private let out: OutputFile
    private let topTasks: Int

    public init(options: Options, context: SinkContext) throws(SinkError) {
        out = try OutputFile(path: options.path, sink: Self.name, context: context)
        topTasks = max(0, options.topTasks)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        for e in events { try out.write(ConsoleReport.render(e, topTasks: topTasks)) }
    }

    public func flush() throws(SinkError) { try out.flush() }
    public func close() throws(SinkError) { try out.flush() }
}
