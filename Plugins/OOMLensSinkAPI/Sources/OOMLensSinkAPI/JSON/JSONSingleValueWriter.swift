/// The single-value container of ``JSONStreamWriter``: writes one scalar (or hands a value on).
struct JSONSingleValueWriter: SingleValueEncodingContainer {
    let writer: JSONStreamWriter

    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeNull() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value) }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Float) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(Int64(value)) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(Int64(value)) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(Int64(value)) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(Int64(value)) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(UInt64(value)) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.writeValue(value) }
}
