/// Flat JSON coding of a zone: the named fields plus one `name_kb` key per extra kB field.
extension OOMEvent.Zone: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private static let named: Set<String> = [
        "node", "zone", "free_kb", "min_kb", "low_kb", "high_kb", "present_kb", "managed_kb",
        "all_unreclaimable", "lowmem_reserve_pages", "buddy",
    ]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let node { try c.encode(node, forKey: Key("node")) } else { try c.encodeNil(forKey: Key("node")) }
        try c.encode(zone, forKey: Key("zone"))
        try c.encodeIfPresent(free_kb, forKey: Key("free_kb"))
        try c.encodeIfPresent(min_kb, forKey: Key("min_kb"))
        try c.encodeIfPresent(low_kb, forKey: Key("low_kb"))
        try c.encodeIfPresent(high_kb, forKey: Key("high_kb"))
        try c.encodeIfPresent(present_kb, forKey: Key("present_kb"))
        try c.encodeIfPresent(managed_kb, forKey: Key("managed_kb"))
        try c.encodeIfPresent(all_unreclaimable, forKey: Key("all_unreclaimable"))
        try c.encodeIfPresent(lowmem_reserve_pages, forKey: Key("lowmem_reserve_pages"))
        try c.encodeIfPresent(buddy, forKey: Key("buddy"))
        for (name, value) in fields_kb where !Self.named.contains(name + "_kb") {
            try c.encode(value, forKey: Key(name + "_kb"))
        }
        for (name, value) in fields where !Self.named.contains(name) && fields_kb[name] == nil {
            try c.encode(value, forKey: Key(name))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(node: try c.decodeIfPresent(Int.self, forKey: Key("node")),
                  zone: try c.decode(String.self, forKey: Key("zone")))
        free_kb = try c.decodeIfPresent(Int64.self, forKey: Key("free_kb"))
        min_kb = try c.decodeIfPresent(Int64.self, forKey: Key("min_kb"))
        low_kb = try c.decodeIfPresent(Int64.self, forKey: Key("low_kb"))
        high_kb = try c.decodeIfPresent(Int64.self, forKey: Key("high_kb"))
        present_kb = try c.decodeIfPresent(Int64.self, forKey: Key("present_kb"))
        managed_kb = try c.decodeIfPresent(Int64.self, forKey: Key("managed_kb"))
        all_unreclaimable = try c.decodeIfPresent(Bool.self, forKey: Key("all_unreclaimable"))
        lowmem_reserve_pages = try c.decodeIfPresent([Int64].self, forKey: Key("lowmem_reserve_pages"))
        buddy = try c.decodeIfPresent(OOMEvent.Buddy.self, forKey: Key("buddy"))
        for key in c.allKeys where !Self.named.contains(key.stringValue) {
            guard let v = try? c.decode(Int64.self, forKey: key) else { continue }
            if key.stringValue.hasSuffix("_kb") {
                fields_kb[String(key.stringValue.dropLast(3))] = v
            } else {
                fields[key.stringValue] = v
            }
        }
    }
}

/// The direct JSON writer of a zone: the bytes `encode(to:)` above gives, the flat `name_kb` and `name` keys
/// merged in key order with the named ones. Keep the two in step.
extension OOMEvent.Zone: JSONDirectWritable {
    /// True when `name + "_kb"` is one of the named keys (`named.contains(name + "_kb")`).
    private static func isNamedKB(_ name: String) -> Bool {
        switch name {
        case "free", "min", "low", "high", "present", "managed": true
        default: false
        }
    }

    func writeJSON(to w: inout JSONDirectWriter) throws {
        // The flat keys in the order encode(to:) gives them, then sorted (stably, as the stream writer sorts).
        var extras: [(order: UInt64, key: String, value: Int64)] = []
        extras.reserveCapacity(fields_kb.count + fields.count)
        for (name, value) in fields_kb where !Self.isNamedKB(name) {
            let key = name + "_kb"
            extras.append((JSONDirectWriter.sortOrder(key), key, value))
        }
        for (name, value) in fields where !Self.named.contains(name) && fields_kb[name] == nil {
            extras.append((JSONDirectWriter.sortOrder(name), name, value))
        }
        extras.sort(by: JSONDirectWriter.precedes)
        var next = 0
        /// Writes the flat keys that sort before `name`.
        func flat(before name: StaticString) {
            let order = JSONDirectWriter.sortOrder(name)
            while next < extras.count,
                  extras[next].order != order ? extras[next].order < order : Self.precedes(extras[next].key, name) {
                w.key(extras[next].key)
                w.value(extras[next].value)
                next += 1
            }
        }
        w.beginObject()
        flat(before: "all_unreclaimable")
        w.field("all_unreclaimable", all_unreclaimable)
        flat(before: "buddy")
        try w.field("buddy", buddy)
        flat(before: "free_kb")
        w.field("free_kb", free_kb)
        flat(before: "high_kb")
        w.field("high_kb", high_kb)
        flat(before: "low_kb")
        w.field("low_kb", low_kb)
        flat(before: "lowmem_reserve_pages")
        w.field("lowmem_reserve_pages", lowmem_reserve_pages)
        flat(before: "managed_kb")
        w.field("managed_kb", managed_kb)
        flat(before: "min_kb")
        w.field("min_kb", min_kb)
        flat(before: "node")
        w.key("node")
        if let node { w.value(Int64(node)) } else { w.null() }
        flat(before: "present_kb")
        w.field("present_kb", present_kb)
        flat(before: "zone")
        w.field("zone", zone)
        while next < extras.count {
            w.key(extras[next].key)
            w.value(extras[next].value)
            next += 1
        }
        w.endObject()
    }

    /// Byte order of a flat key and a named one.
    private static func precedes(_ key: String, _ name: StaticString) -> Bool {
        var key = key
        return key.withUTF8 { a in
            let b = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            for i in 0..<min(a.count, b.count) where a[i] != b[i] { return a[i] < b[i] }
            return a.count < b.count
        }
    }
}
