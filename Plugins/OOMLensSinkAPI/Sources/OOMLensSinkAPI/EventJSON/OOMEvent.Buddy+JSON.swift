/// The direct JSON writer of ``OOMEvent/Buddy``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Buddy: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("counts", counts)
        w.field("empty", empty)
        w.field("page_kb", page_kb)
        w.field("total_kb", total_kb)
        w.field("total_mismatch", total_mismatch)
        w.field("types", types)
        w.endObject()
    }
}
