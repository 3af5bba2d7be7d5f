/// An output of the pipeline: it receives batches of events, makes them durable on `flush`, and is closed once.
///
/// A sink is called from one thread at a time. `write` may buffer; `flush` returns only when everything written
/// so far is durable (or handed to the consumer), and that return is the acknowledgement that checkpoints
/// wait for. Errors are thrown as ``SinkError``.
public protocol EventSink: AnyObject {
    /// Takes a batch of events in log order. The same event `id` may come again as an update.
    func write(_ events: [OOMEvent]) throws(SinkError)
    /// Makes every event written so far durable.
    func flush() throws(SinkError)
    /// Flushes and releases resources; the sink is not used afterwards.
    func close() throws(SinkError)
    /// Receives the pipeline's own counters (files, lines, bytes, events and the stages' named counters) once
    /// the input is read, right before `close`. Optional: the default ignores them.
    func runFinished(counters: [String: Int])
}

extension EventSink {
    public func runFinished(counters: [String: Int]) {}
}

/// A sink that can be named in `pipeline.json`: a name, a summary, an options type and a constructor.
public protocol RegisteredSink: EventSink {
    associatedtype Options: ComponentOptions
    /// The name used in `pipeline.json` and `--output NAME[:TARGET]`.
    static var name: String { get }
    /// One line shown by `oomlens stages`.
    static var summary: String { get }
    /// The name of the option that `--output NAME:TARGET` sets, if the sink takes a target.
    static var targetOption: String? { get }
    init(options: Options, context: SinkContext) throws(SinkError)
}

extension RegisteredSink {
    public static var targetOption: String? { nil }
}

/// What the host gives a sink when it creates it.
public struct SinkContext: Sendable {
    /// Writes bytes to the process's standard output (the host serialises access).
    public var writeStandardOutput: @Sendable ([UInt8]) -> Void
    /// Reports a warning to the run summary on stderr.
    public var warn: @Sendable (String) -> Void
    /// True when the run is live (`follow`), false for a batch run.
    public var live: Bool

    public init(writeStandardOutput: @escaping @Sendable ([UInt8]) -> Void,
                warn: @escaping @Sendable (String) -> Void, live: Bool = false) {
        self.writeStandardOutput = writeStandardOutput
        self.warn = warn
        self.live = live
    }
}

/// A failure inside a sink, with the sink's name and what went wrong.
public struct SinkError: Error, CustomStringConvertible, Sendable {
    public var sink: String
    public var message: String
    public init(sink: String, message: String) {
        self.sink = sink
        self.message = message
    }
    public var description: String { "sink \(sink): \(message)" }
}
