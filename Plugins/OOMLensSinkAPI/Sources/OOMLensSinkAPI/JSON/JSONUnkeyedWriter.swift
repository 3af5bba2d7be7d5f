/// The unkeyed container of ``JSONStreamWriter``: writes the elements of one JSON array.
struct JSONUnkeyedWriter: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    /// The frame this container writes into.
    let depth: Int
    private(set) var count = 0

    init(writer: JSONStreamWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    var codingPath: [any CodingKey] { [] }

    private mutating func next() throws {
        try writer.beginMember(depth: depth, key: nil)
        count += 1
    }

    mutating func encodeNil() throws {
        try next()
        writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        try next()
        writer.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        try next()
        writer.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        try next()
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Float) throws {
        try next()
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Int) throws { try integer(Int64(value)) }
    mutating func encode(_ value: Int8) throws { try integer(Int64(value)) }
    mutating func encode(_ value: Int16) throws { try integer(Int64(value)) }
    mutating func encode(_ value: Int32) throws { try integer(Int64(value)) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { try integer(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { try integer(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { try integer(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try next()
        try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        count += 1
        try? writer.openNested(depth: depth, key: nil, object: true)
        return KeyedEncodingContainer(JSONKeyedWriter<NestedKey>(writer: writer, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        try? writer.openNested(depth: depth, key: nil, object: false)
        return JSONUnkeyedWriter(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        count += 1
        try? writer.openNested(depth: depth, key: nil, object: true)
        return writer
    }

    private mutating func integer(_ value: Int64) throws {
        try next()
        writer.writeInteger(value)
    }

    private mutating func integer(_ value: UInt64) throws {
        try next()
        writer.writeInteger(value)
    }
}
