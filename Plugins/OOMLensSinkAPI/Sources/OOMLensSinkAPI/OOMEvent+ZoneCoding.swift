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
