/// The direct JSON writer of ``OOMEvent/CounterUsage``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.CounterUsage: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("failcnt", failcnt)
        w.field("limit_kb", limit_kb)
        w.field("usage_kb", usage_kb)
        w.endObject()
    }
}
