import OOMLensSinkAPI

/// A sink that keeps every event in memory, for assertions.
public final class CollectingSink: EventSink {
    public private(set) var events: [OOMEvent] = []
    public private(set) var flushes = 0
    public private(set) var closed = false

    public init() {}

    public func write(_ events: [OOMEvent]) throws(SinkError) { self.events += events }
    public func flush() throws(SinkError) { flushes += 1 }
    public func close() throws(SinkError) { closed = true }
}
