/// The direct JSON writer of ``OOMEvent/Kill``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Kill: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("comm", comm)
        w.field("pid", pid)
        w.field("score", score)
        w.endObject()
    }
}
