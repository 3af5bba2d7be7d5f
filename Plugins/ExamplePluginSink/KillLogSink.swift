import OOMLensSinkAPI

/// Appends one tab-separated line per OOM event to a file: time, host, kind, victim, pid, anon RSS and cause.
///
/// It is the example of a sink plugin loaded at run time. An id that comes again (an update in follow mode)
/// is not written twice in one run, since appended lines cannot be taken back.
public final class KillLogSink: RegisteredSink {
    /// Options of the `kill-log` sink.
    public struct Options: ComponentOptions {
        /// Output file, appended to; empty or `-` for standard output.
        public var path: String = ""
        /// Start the file afresh instead of appending to it.
        public var truncate: Bool = false
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File to append to; empty or '-' means standard output.",
             "truncate": "Empty the file when the run starts instead of appending to it."]
        }
    }

    public static let name = "kill-log"
    public static let summary = "One tab-separated line per event (time, host, kind, victim, pid, anon RSS, cause); loaded from a plugin"
    public static var targetOption: String? { "path" }

    private let out: OutputFile
    private var written = Set<String>()

    public init(options: Options, context: SinkContext) throws(SinkError) {
        out = try OutputFile(path: options.path, append: !options.truncate, sink: Self.name, context: context)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        for e in events where written.insert(e.id).inserted {
            try out.write(Self.line(e))
        }
    }

    public func flush() throws(SinkError) { try out.flush(durable: true) }

    public func close() throws(SinkError) { try out.flush(durable: true) }

    /// The event's line: `-` for a missing value; tabs and line breaks in log text become spaces.
    static func line(_ e: OOMEvent) -> String {
        let fields: [String?] = [
            e.time, e.host, e.kind.rawValue, e.victim?.comm, e.victim.map { String($0.pid) },
            e.victim?.anon_rss_kb.map { String($0) }, e.diagnosis?.cause,
        ]
        let cleaned = fields.map { value -> String in
            guard let value, !value.isEmpty else { return "-" }
            return String(value.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        }
        return cleaned.joined(separator: "\t") + "\n"
    }
}
