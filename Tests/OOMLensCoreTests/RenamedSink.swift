import OOMLensSinkAPI

/// A sink registered as if a plugin had provided it.
final class RenamedSink: RegisteredSink {
    static let name = "renamed"
    static let summary = "drops events"
    init(options: NoOptions, context: SinkContext) throws(SinkError) {}
    func write(_ events: [OOMEvent]) throws(SinkError) {}
    func flush() throws(SinkError) {}
    func close() throws(SinkError) {}
}
