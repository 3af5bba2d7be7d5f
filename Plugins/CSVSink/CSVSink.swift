import OOMLensSinkAPI

/// Writes one CSV row per event (RFC 4180: a header row, CRLF line ends, quoted fields where needed).
///
/// Rows are kept by event id, so an update of an id replaces its row. A file is rewritten whole and atomically
/// on every `flush` and on `close`. On standard output rows go out on `flush`; an id updated after its row was
/// printed is printed again, since printed lines cannot be taken back.
public final class CSVSink: RegisteredSink {
    /// Options of the `csv` sink.
    public struct Options: ComponentOptions {
        /// Output file; empty or `-` for standard output.
        public var path: String = ""
        /// Prefix text fields that start with `=`, `+`, `-`, `@`, tab or CR with `'`, for spreadsheets.
        public var neutralizeFormulas: Bool = false
        public init() {}
        public static var documentation: [String: String] {
            ["path": "File to write (replaced atomically on each flush); empty or '-' means standard output.",
             "neutralize_formulas": "Prefix text fields starting with = + - @ tab or CR with ' so that spreadsheets do not run log text as formulas (changes those values)."]
        }
    }

    public static let name = "csv"
    public static let summary = "CSV, one row per event with the main fields (RFC 4180 quoting); rows replaced by id"
    public static var targetOption: String? { "path" }

    private let path: String
    private let toStandardOutput: Bool
    private let writeStandardOutput: @Sendable ([UInt8]) -> Void
    private let neutralizeFormulas: Bool
    /// Encoded rows by event id, and the ids in first-seen order (for standard output: those not printed yet).
    private var rows: [String: [UInt8]] = [:]
    private var order: [String] = []
    private var printedHeader = false
    private var dirty = true

    public init(options: Options, context: SinkContext) throws(SinkError) {
        path = options.path
        toStandardOutput = path.isEmpty || path == "-"
        writeStandardOutput = context.writeStandardOutput
        neutralizeFormulas = options.neutralizeFormulas
        if !toStandardOutput { try AtomicFile.replace(path, with: CSVColumns.headerLine, sink: Self.name) }
    }

    public func write(_ events: [OOMEvent]) throws(SinkError) {
        for e in events {
            let line = CSVColumns.line(CSVColumns.values(e), neutralizeFormulas: neutralizeFormulas)
            if rows.updateValue(line, forKey: e.id) == nil { order.append(e.id) }
            dirty = true
        }
    }

    public func flush() throws(SinkError) {
        guard dirty else { return }
        if toStandardOutput {
            var out: [UInt8] = printedHeader ? [] : CSVColumns.headerLine
            printedHeader = true
            for id in order { out += rows[id] ?? [] }
            rows.removeAll()
            order.removeAll()
            writeStandardOutput(out)
        } else {
            var out = CSVColumns.headerLine
            for id in order { out += rows[id] ?? [] }
            try AtomicFile.replace(path, with: out, sink: Self.name)
        }
        dirty = false
    }

    public func close() throws(SinkError) { try flush() }
}
