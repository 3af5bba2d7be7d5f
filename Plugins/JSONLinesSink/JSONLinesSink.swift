import Foundation
import OOMLensSinkAPI

/// Writes one JSON object per event per line (JSON Lines), to standard output or a file.
public final class JSONLinesSink: RegisteredSink {
    /// Options of the `jsonl` sink.
    public struct Options: ComponentOptions {
        /// Output file; empty or `-` for standard output.
        public var path: String = ""
        /// Append to the file instead of replacing it.
        public var append: Bool = false
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File to write; empty or '-' means standard output.",
             "append": "Append to the file instead of replacing it."]
        }
    }

    public static let name = "jsonl"
    public static let summary = "JSON Lines: one event per line, field names as in the event schema"
    public static var targetOption: String? { "path" }

    private let out: OutputFile
    private let encoder = CompactJSONEncoder()
    /// The lines of one `write` call, reused from call to call.
    private var pending: [UInt8] = []

    public init(options: Options, context: SinkContext) throws(SinkError) {
        out = try OutputFile(path: options.path, append: options.append, sink: Self.name, context: context)
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        pending.removeAll(keepingCapacity: true)
        for event in events {
            do { try encoder.encode(event, appendingTo: &pending) } catch {
                throw SinkError(sink: Self.name, message: "cannot encode event \(event.id): \(error)")
            }
            pending.append(0x0A)
        }
        try out.write(pending)
    }

    public func flush() throws(SinkError) { try out.flush(durable: true) }
    public func close() throws(SinkError) { try out.flush(durable: true) }
}
