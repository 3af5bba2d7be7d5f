/// The direct JSON writer of ``OOMEvent/NodeStats``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.NodeStats: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("all_unreclaimable", all_unreclaimable)
        w.field("fields", fields)
        w.field("fields_kb", fields_kb)
        w.field("node", node)
        w.endObject()
    }
}
