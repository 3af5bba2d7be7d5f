/// The direct JSON writer of an event: the bytes its `Codable` coding gives through ``CompactJSONEncoder``
/// (and Foundation's `JSONEncoder` with `.sortedKeys`), written member by member without `Codable`.
///
/// Every field of the model must be written here (and in its nested type's `writeJSON`), in key order: the
/// `EventJSONWriterTests` compare the two codings on events with every optional field set.
extension OOMEvent: JSONDirectWritable {
    /// Appends the event's JSON text to `bytes`; on error (a number that is not finite) `bytes` is left as it was.
    public func appendJSON(to bytes: inout [UInt8]) throws {
        var w = JSONDirectWriter()
        defer { w.deallocate() }
        try writeJSON(to: &w)
        bytes.append(contentsOf: w.text)
    }

    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("complete", complete)
        w.field("constraint", constraint)
        try w.field("diagnosis", diagnosis)
        try w.field("group_kills", group_kills)
        w.field("host", host)
        try w.field("hugepages", hugepages)
        w.field("id", id)
        try w.field("kernel", kernel)
        try w.field("kill", kill)
        w.field("kill_message", kill_message)
        w.field("kind", kind.rawValue)
        try w.field("memcg", memcg)
        w.field("meminfo", meminfo)
        try w.field("nodes", nodes)
        w.field("outcome", outcome)
        w.field("pages", pages)
        w.field("raw", raw)
        try w.field("reaped", reaped)
        try w.field("source", source)
        try w.field("swap", swap)
        try w.field("tasks", tasks)
        w.field("time", time)
        try w.field("trigger", trigger)
        try w.field("unreclaimable_slab", unreclaimable_slab)
        try w.field("uptime_s", uptime_s)
        try w.field("victim", victim)
        try w.field("zones", zones)
        w.endObject()
    }
}
