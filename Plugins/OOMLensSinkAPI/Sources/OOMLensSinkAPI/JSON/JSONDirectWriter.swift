/// Writes JSON text straight into bytes for hand-written ``JSONDirectWritable`` code: the caller names the
/// members in key order and the writer adds the punctuation. It writes what ``JSONStreamWriter`` writes for
/// the same values: `nil` optionals are left out (as `encodeIfPresent` leaves them), dictionaries come out in
/// key order, and numbers and strings are formatted by the same code.
struct JSONDirectWriter {
    /// The text so far.
    var bytes: [UInt8] = []
    /// True after a value, when the next key or array element needs a comma.
    private var needsComma = false
    /// Scratch space for putting the members of a dictionary in key order.
    private var entries: [(key: String, value: Int64)] = []

    init() {}

    // MARK: Structure

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":`; `name` must need no escaping (the field names of the event model).
    @inline(__always)
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"name":` for a key that may need escaping.
    mutating func key(_ name: String) {
        separate()
        bytes.appendJSONString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    mutating func value(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    mutating func value(_ value: Int64) {
        separate()
        bytes.appendJSONInteger(value)
        needsComma = true
    }

    mutating func value(_ value: String) {
        separate()
        bytes.appendJSONString(value)
        needsComma = true
    }

    mutating func value(_ value: Double) throws {
        separate()
        try bytes.appendJSONNumber(value)
        needsComma = true
    }

    /// An object with the members of `dictionary` in key order.
    mutating func value(_ dictionary: [String: Int64]) {
        entries.removeAll(keepingCapacity: true)
        for entry in dictionary { entries.append(entry) }
        entries.sort { JSONStreamWriter.precedes($0.key, $1.key) }
        beginObject()
        for entry in entries {
            key(entry.key)
            value(entry.value)
        }
        endObject()
    }

    // MARK: Members

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        self.value(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        self.value(Int64(value))
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        self.value(value)
    }

    mutating func field(_ name: StaticString, _ value: Int64?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        self.value(value)
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: Double?) throws {
        guard let value else { return }
        key(name)
        try self.value(value)
    }

    mutating func field(_ name: StaticString, _ values: [Int64]?) {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values { self.value(value) }
        endArray()
    }

    mutating func field(_ name: StaticString, _ values: [String]?) {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values { self.value(value) }
        endArray()
    }

    /// An array whose `nil` elements are `null`, as `Optional`'s `encode(to:)` writes them.
    mutating func field(_ name: StaticString, _ values: [String?]?) {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values {
            if let value { self.value(value) } else { null() }
        }
        endArray()
    }

    mutating func field(_ name: StaticString, _ dictionary: [String: Int64]?) {
        guard let dictionary else { return }
        key(name)
        value(dictionary)
    }

    mutating func field<T: JSONDirectWritable>(_ name: StaticString, _ value: T?) throws {
        guard let value else { return }
        key(name)
        try value.writeJSON(to: &self)
    }

    mutating func field<T: JSONDirectWritable>(_ name: StaticString, _ values: [T]?) throws {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values { try value.writeJSON(to: &self) }
        endArray()
    }
}
