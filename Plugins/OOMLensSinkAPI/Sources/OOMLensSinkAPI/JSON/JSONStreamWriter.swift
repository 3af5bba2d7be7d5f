/// The `Encoder` behind ``CompactJSONEncoder``: writes each value as it comes and keeps a stack of the
/// objects and arrays still open.
final class JSONStreamWriter: Encoder {
    /// One object or array being written.
    struct Frame {
        /// True for an object, false for an array.
        let isObject: Bool
        /// Members written so far.
        var count = 0
        /// For an object: each member's key and where its `"key":value` text starts in ``buffer``.
        var members: [(key: String, start: Int)] = []
        /// True while the keys came in byte order.
        var sorted = true
        /// The `CodingKey` type of an object, whose last key order and its sorted order are cached.
        var keyType: ObjectIdentifier?
    }

    /// The members of the last object of a key type, and the order that sorts them.
    @exclusivity(unchecked) private var sortOrders: [ObjectIdentifier: (keys: [String], order: [Int])] = [:]
    /// Scratch space for reordering.
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    // The writer is reached only through its own containers, one call at a time: the run-time exclusivity
    // checks of class properties would cost more than the writing itself.
    @exclusivity(unchecked) private(set) var buffer: [UInt8]
    @exclusivity(unchecked) private var frames: [Frame] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    @exclusivity(unchecked) private(set) var initialCount = 0

    init() {
        buffer = []
    }

    /// Starts writing after the bytes of `buffer`.
    func reset(appendingTo buffer: [UInt8]) {
        self.buffer = buffer
        initialCount = buffer.count
        frames.removeAll(keepingCapacity: true)
        openedHere = false
    }

    func takeBuffer() -> [UInt8] {
        defer { buffer = [] }
        return buffer
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        openIfNeeded(object: true)
        frames[frames.count - 1].keyType = ObjectIdentifier(type)
        return KeyedEncodingContainer(JSONKeyedWriter<Key>(writer: self, depth: frames.count))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        openIfNeeded(object: false)
        return JSONUnkeyedWriter(writer: self, depth: frames.count)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueWriter(writer: self)
    }

    /// Opens a nested object or array as the next member of the frame at `depth`.
    func openNested(depth: Int, key: String?, object: Bool) throws {
        try beginMember(depth: depth, key: key)
        buffer.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(isObject: object))
        openedHere = true
    }

    /// Opens an object or array for the value being encoded, unless its `encode(to:)` asked for a container
    /// already (a type may ask twice, e.g. a subclass and its superclass).
    private func openIfNeeded(object: Bool) {
        if let top = frames.last, top.isObject == object, openedHere { return }
        buffer.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(isObject: object))
        openedHere = true
    }

    /// True when the innermost frame was opened by the value now being encoded.
    @exclusivity(unchecked) private var openedHere = false

    // MARK: Values

    /// Writes any value: primitives through the single-value container, the rest through their containers.
    func writeValue<T: Encodable>(_ value: T) throws {
        let depth = frames.count
        let start = buffer.count
        let outerOpened = openedHere
        openedHere = false
        try value.encode(to: self)
        while frames.count > depth { closeFrame() }
        if buffer.count == start { buffer.append(contentsOf: "{}".utf8) }
        openedHere = outerOpened
    }

    /// Writes the separator and, for an object, the key of the next member of the frame at `depth`.
    ///
    /// Containers nested in that frame are finished first: this writer streams, so a nested container must be
    /// complete before its parent writes on (the order the synthesised `Codable` code always uses).
    func beginMember(depth: Int, key: String?) throws {
        while frames.count > depth { closeFrame() }
        guard depth == frames.count, depth > 0 else {
            throw EncodingError.invalidValue(
                key ?? "", .init(codingPath: [], debugDescription: "a closed JSON container was written to"))
        }
        let index = depth - 1
        if frames[index].count > 0 { buffer.append(UInt8(ascii: ",")) }
        frames[index].count += 1
        guard let key else { return }
        if frames[index].sorted, let last = frames[index].members.last?.key, !Self.precedes(last, key) {
            frames[index].sorted = false
        }
        frames[index].members.append((key, buffer.count))
        writeString(key)
        buffer.append(UInt8(ascii: ":"))
    }

    /// Closes the innermost frame, putting an object's members in key order first.
    private func closeFrame() {
        let frame = frames.removeLast()
        if frame.isObject, !frame.sorted { reorder(frame.members, keyType: frame.keyType) }
        buffer.append(frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Rewrites the members (from the first member's start to the end of the buffer) in key order.
    private func reorder(_ members: [(key: String, start: Int)], keyType: ObjectIdentifier?) {
        guard let first = members.first?.start else { return }
        let end = buffer.count
        let order: [Int]
        if let keyType, let cached = sortOrders[keyType], cached.keys.count == members.count,
           zip(cached.keys, members).allSatisfy({ $0 == $1.key })
        {
            order = cached.order
        } else {
            order = members.indices.sorted { Self.precedes(members[$0].key, members[$1].key) }
            if let keyType { sortOrders[keyType] = (members.map(\.key), order) }
        }
        scratch.removeAll(keepingCapacity: true)
        for (position, index) in order.enumerated() {
            // A member's text runs to the comma before the next member (or the end).
            let stop = index + 1 < members.count ? members[index + 1].start - 1 : end
            if position > 0 { scratch.append(UInt8(ascii: ",")) }
            scratch.append(contentsOf: buffer[members[index].start..<stop])
        }
        buffer.replaceSubrange(first..<end, with: scratch)
    }

    /// Byte order of the UTF-8 keys, as `.sortedKeys` orders them.
    static func precedes(_ a: String, _ b: String) -> Bool {
        if let x = a.utf8.first, let y = b.utf8.first, x != y { return x < y }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<min(x.count, y.count) where x[i] != y[i] { return x[i] < y[i] }
                return x.count < y.count
            }
        }
    }

    // MARK: Primitives

    func writeNull() { buffer.append(contentsOf: "null".utf8) }

    func writeBool(_ value: Bool) { buffer.append(contentsOf: value ? "true".utf8 : "false".utf8) }

    func writeInteger(_ value: Int64) { buffer.appendJSONInteger(value) }

    func writeInteger(_ value: UInt64) { buffer.appendJSONInteger(value) }

    func writeFloatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        try buffer.appendJSONNumber(value)
    }

    func writeString(_ value: String) { buffer.appendJSONString(value) }
}
