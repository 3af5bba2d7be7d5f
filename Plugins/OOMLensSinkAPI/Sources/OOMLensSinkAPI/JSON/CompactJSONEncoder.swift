/// Encodes an `Encodable` value as compact JSON, object keys in byte order, straight into bytes.
///
/// The output is the same as Foundation's `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes`
/// (a test compares the two on every event shape), at a fraction of the cost: values are written as they
/// are encoded, with no intermediate tree, and an object's members are only moved when their keys were not
/// already in order. Every sink that writes events as JSON uses it, so one report is one JSON text everywhere.
/// An ``OOMEvent`` is not encoded through `Codable` at all but written by hand-written code
/// (``OOMEvent/appendJSON(to:)``) that gives the same bytes several times faster.
/// An encoder keeps scratch state from one call to the next: give each thread its own.
public struct CompactJSONEncoder {
    private let writer = JSONStreamWriter()

    public init() {}

    /// The JSON text of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, appendingTo: &bytes)
        return bytes
    }

    /// The JSON text of `event`, written directly (see ``OOMEvent/appendJSON(to:)``).
    public func encode(_ event: OOMEvent) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try event.appendJSON(to: &bytes)
        return bytes
    }

    /// Appends the JSON text of `event` to `bytes`, written directly; on error `bytes` is left as it was.
    public func encode(_ event: OOMEvent, appendingTo bytes: inout [UInt8]) throws {
        try event.appendJSON(to: &bytes)
    }

    /// Appends the JSON text of `value` to `bytes`; on error `bytes` is left as it was.
    public func encode<T: Encodable>(_ value: T, appendingTo bytes: inout [UInt8]) throws {
        if let event = value as? OOMEvent {
            try event.appendJSON(to: &bytes)
            return
        }
        writer.reset(appendingTo: bytes)
        bytes = []
        do {
            try writer.writeValue(value)
        } catch {
            bytes = writer.buffer
            bytes.removeSubrange(writer.initialCount...)
            throw error
        }
        bytes = writer.takeBuffer()
    }
}
