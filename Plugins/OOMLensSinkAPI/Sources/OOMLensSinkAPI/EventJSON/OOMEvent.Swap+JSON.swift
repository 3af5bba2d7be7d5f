/// The direct JSON writer of ``OOMEvent/Swap``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Swap: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("cache_pages", cache_pages)
        w.field("free_kb", free_kb)
        w.field("total_kb", total_kb)
        w.endObject()
    }
}
