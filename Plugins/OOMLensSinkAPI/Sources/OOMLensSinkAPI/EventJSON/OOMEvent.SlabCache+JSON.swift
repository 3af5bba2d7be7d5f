/// The direct JSON writer of ``OOMEvent/SlabCache``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.SlabCache: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("name", name)
        w.field("total_kb", total_kb)
        w.field("used_kb", used_kb)
        w.endObject()
    }
}
