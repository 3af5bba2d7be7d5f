/// The keyed container of ``JSONStreamWriter``: writes `"key":value` members of one JSON object.
struct JSONKeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    /// The frame this container writes into.
    let depth: Int

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        writer.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        writer.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try integer(Int64(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(Int64(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(Int64(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(Int64(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(UInt64(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(UInt64(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(UInt64(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(UInt64(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        try writer.writeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        // A failure here (the container was closed) surfaces on the nested container's first write.
        try? writer.openNested(depth: depth, key: key.stringValue, object: true)
        return KeyedEncodingContainer(JSONKeyedWriter<NestedKey>(writer: writer, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        try? writer.openNested(depth: depth, key: key.stringValue, object: false)
        return JSONUnkeyedWriter(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(key: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(key: key.stringValue) }

    /// The member `key` as an object that the returned encoder's keyed container writes into.
    private func superEncoder(key: String) -> any Encoder {
        try? writer.openNested(depth: depth, key: key, object: true)
        return writer
    }

    private func integer(_ value: Int64, _ key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        writer.writeInteger(value)
    }

    private func integer(_ value: UInt64, _ key: Key) throws {
        try writer.beginMember(depth: depth, key: key.stringValue)
        writer.writeInteger(value)
    }
}
