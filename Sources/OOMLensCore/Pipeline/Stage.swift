import OOMLensSinkAPI

/// A stage that sees every batch of lines. Called once per batch (a few thousand lines), never per line.
public protocol LineStage: AnyObject {
    /// Processes one batch. Tokenized fields, if a tokenizer ran before, are in `context.fields`.
    func process(_ batch: LineBatch, _ context: StageContext)
    /// The current stream (a rotation set, or standard input) ended: emit what is still open.
    func endOfStream(_ context: StageContext)
    /// Follow mode only: the follower is at the end of the input and no byte has arrived for the idle time.
    /// Emit what a timer would (a report that will get no more lines); the stream goes on afterwards.
    func idle(_ context: StageContext)
    /// The first line of the oldest state the stage still holds (an open report), or nil when it holds none.
    /// A follow checkpoint never moves past it, so a restart reads that state again from its first line.
    func oldestHeldLine() -> LinePosition?
    /// Finishes events this stage emitted with their costly part left out (decoding, say), just before the
    /// event stages see them. Only called for events emitted while ``StageContext/defersCompletion`` was true;
    /// the pipeline then calls it in emission order, possibly on another thread than ``process(_:_:)``, so it
    /// may touch only state kept for it (under a lock).
    func complete(_ events: inout [OOMEvent], _ context: StageContext)
    /// Which lines the stage reads. When every line stage reads only the lines of an interest (or makes its own
    /// fields), a batch run lets the tokenizer leave the other lines untokenized.
    var lineNeeds: LineNeeds { get }
}

extension LineStage {
    public func endOfStream(_ context: StageContext) {}
    public func idle(_ context: StageContext) {}
    public func oldestHeldLine() -> LinePosition? { nil }
    public func complete(_ events: inout [OOMEvent], _ context: StageContext) {}
    public var lineNeeds: LineNeeds { .everyLine }
}

/// A stage that works on assembled events (decoders, enrichment), called once per group of events.
public protocol EventStage: AnyObject {
    func process(_ events: inout [OOMEvent], _ context: StageContext)
}

/// A line stage that can be named in `pipeline.json`.
public protocol RegisteredLineStage: LineStage {
    associatedtype Options: ComponentOptions
    static var name: String { get }
    static var summary: String { get }
    init(options: Options) throws(PipelineError)
}

/// An event stage that can be named in `pipeline.json`.
public protocol RegisteredEventStage: EventStage {
    associatedtype Options: ComponentOptions
    static var name: String { get }
    static var summary: String { get }
    init(options: Options) throws(PipelineError)
}

/// Shared state of one run that stages read and write: tokenizer output, new events and counters.
public final class StageContext {
    /// The tokenizer's output for the current batch, in line order; reused from batch to batch.
    public var fields: [LineFields] = []
    /// Events produced while processing the current batch; the pipeline hands them on and empties this.
    public var events: [OOMEvent] = []
    /// Named counters shown in the run summary. Stages add to them once per batch, not per line.
    public var counters: [String: Int] = [:]
    /// Warnings for the run summary.
    public private(set) var warnings: [String] = []
    /// True in follow mode: stages emit an event as soon as it is complete enough (an OOM report at its kill
    /// line) and emit it again, with the same id, when later lines add to it.
    public var live = false
    /// True when the pipeline delivers events on a thread of its own: a line stage may then leave the costly
    /// part of an event to ``LineStage/complete(_:_:)``, which runs on that thread, beside the reading.
    public var defersCompletion = false
    /// The interests of the line stages, when every line stage declared one (or makes its own fields): a
    /// tokenizer may then leave lines that none of them needs untokenized. Empty otherwise (always in follow
    /// mode, whose streams have contexts of their own).
    public var lineInterests: [any LineInterest] = []

    public init() {
        fields.reserveCapacity(8192)
    }

    /// Adds `amount` to a named counter.
    public func count(_ name: String, _ amount: Int = 1) {
        if amount != 0 { counters[name, default: 0] += amount }
    }

    /// Adds the counters and warnings of `other` (another thread's context of the same run) to this one.
    public func absorb(_ other: StageContext) {
        for (name, value) in other.counters { count(name, value) }
        for warning in other.warnings where warnings.count < 100 { warnings.append(warning) }
    }

    /// Records a warning for the run summary (kept to the first 100).
    public func warn(_ message: String) {
        count("warnings")
        if warnings.count < 100 { warnings.append(message) }
    }
}
