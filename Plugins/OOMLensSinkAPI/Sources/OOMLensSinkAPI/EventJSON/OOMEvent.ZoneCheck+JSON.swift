/// The direct JSON writer of ``OOMEvent/ZoneCheck``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.ZoneCheck: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("all_unreclaimable", all_unreclaimable)
        w.field("allowed", allowed)
        w.field("classzone", classzone)
        w.field("effective_min_kb", effective_min_kb)
        w.field("free_at_order_kb", free_at_order_kb)
        w.field("free_kb", free_kb)
        w.field("high_kb", high_kb)
        w.field("low_kb", low_kb)
        w.field("min_kb", min_kb)
        w.field("node", node)
        w.field("order", order)
        w.field("passed", passed)
        w.field("reason", reason)
        w.field("reserve_kb", reserve_kb)
        w.field("reserve_pages", reserve_pages)
        w.field("usable_free_kb", usable_free_kb)
        w.field("verdict", verdict)
        w.field("zone", zone)
        w.endObject()
    }
}
