/// Writes JSON text straight into bytes for hand-written ``JSONDirectWritable`` code: the caller names the
/// members in key order and the writer adds the punctuation. It writes what ``JSONStreamWriter`` writes for
/// the same values: `nil` optionals are left out (as `encodeIfPresent` leaves them), dictionaries come out in
/// key order, and numbers and strings are formatted by the same code (integers excepted: their digits are
/// written in place, the same digits).
///
/// The text goes to a buffer of its own (no uniqueness checks per byte); ``text`` reads it and
/// ``deallocate()`` frees it.
struct JSONDirectWriter: JSONByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// True after a value, when the next key or array element needs a comma.
    private var needsComma = false
    /// Scratch space for putting the members of a dictionary in key order.
    private var entries: [(order: UInt64, key: String, value: Int64)] = []

    init(capacity: Int = 16384) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// The text so far.
    var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }

    // MARK: Bytes

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if capacity &- count < extra { grow(extra) }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func appendJSONByte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func appendJSONBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: start, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends bytes for which room was reserved.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    // MARK: Structure

    @inline(__always)
    private mutating func separate() {
        if needsComma { appendJSONByte(UInt8(ascii: ",")) }
    }

    mutating func beginObject() {
        separate()
        appendJSONByte(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        appendJSONByte(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        appendJSONByte(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        appendJSONByte(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":`; `name` must need no escaping (the field names of the event model).
    @inline(__always)
    mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        reserve(length &+ 4)
        if needsComma { put(UInt8(ascii: ",")) }
        put(UInt8(ascii: "\""))
        let source = name.utf8Start
        for i in 0..<length { base[count &+ i] = source[i] }
        count &+= length
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"name":` for a key that may need escaping.
    mutating func key(_ name: String) {
        separate()
        appendJSONString(name)
        appendJSONByte(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: Values

    mutating func null() {
        reserve(5)
        if needsComma { put(UInt8(ascii: ",")) }
        for byte in "null".utf8 { put(byte) }
        needsComma = true
    }

    mutating func value(_ value: Bool) {
        reserve(6)
        if needsComma { put(UInt8(ascii: ",")) }
        if value {
            for byte in "true".utf8 { put(byte) }
        } else {
            for byte in "false".utf8 { put(byte) }
        }
        needsComma = true
    }

    /// The decimal digits, written in place: the text ``JSONByteSink/appendJSONInteger(_:)-(Int64)`` gives.
    mutating func value(_ value: Int64) {
        reserve(22)
        if needsComma { put(UInt8(ascii: ",")) }
        if value < 0 { put(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits = 1
        var bound: UInt64 = 10
        while rest >= bound, digits < 19 {
            digits &+= 1
            bound &*= 10
        }
        if digits == 19, rest >= bound { digits = 20 }  // 10^19 ≤ rest: bound would overflow
        var at = count &+ digits
        count = at
        repeat {
            at &-= 1
            base[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        needsComma = true
    }

    mutating func value(_ value: String) {
        separate()
        appendJSONString(value)
        needsComma = true
    }

    mutating func value(_ value: Double) throws {
        separate()
        try appendJSONNumber(value)
        needsComma = true
    }

    /// An object with the members of `dictionary` in key order.
    mutating func value(_ dictionary: [String: Int64]) {
        entries.removeAll(keepingCapacity: true)
        for (key, value) in dictionary { entries.append((Self.sortOrder(key), key, value)) }
        entries.sort(by: Self.precedes)
        beginObject()
        for entry in entries {
            key(entry.key)
            value(entry.value)
        }
        endObject()
    }

    /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: keys whose numbers differ are in the
    /// numbers' order; equal numbers need the whole keys compared.
    static func sortOrder(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { utf8 in
            var order: UInt64 = 0
            for i in 0..<8 { order = order << 8 | (i < utf8.count ? UInt64(utf8[i]) : 0) }
            return order
        }
    }

    /// The first eight bytes of `key`, as ``sortOrder(_:)-(String)`` gives them.
    static func sortOrder(_ key: StaticString) -> UInt64 {
        let count = key.utf8CodeUnitCount
        var order: UInt64 = 0
        for i in 0..<8 { order = order << 8 | (i < count ? UInt64(key.utf8Start[i]) : 0) }
        return order
    }

    /// Byte order of two keys (`JSONStreamWriter.precedes`), through their sort orders first.
    @inline(__always)
    static func precedes(_ a: (order: UInt64, key: String, value: Int64), _ b: (order: UInt64, key: String, value: Int64)) -> Bool {
        a.order != b.order ? a.order < b.order : JSONStreamWriter.precedes(a.key, b.key)
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
