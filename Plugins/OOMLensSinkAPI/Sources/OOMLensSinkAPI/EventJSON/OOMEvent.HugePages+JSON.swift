/// The direct JSON writer of ``OOMEvent/HugePages``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.HugePages: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("free", free)
        w.field("node", node)
        w.field("size_kb", size_kb)
        w.field("surp", surp)
        w.field("total", total)
        w.endObject()
    }
}
