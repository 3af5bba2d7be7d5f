/// The direct JSON writer of ``OOMEvent/RankedTask``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.RankedTask: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("name", name)
        w.field("pid", pid)
        w.field("points", points)
        w.field("rank", rank)
        w.field("score", score)
        w.endObject()
    }
}
