/// The direct JSON writer of ``OOMEvent/Source``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Source: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("first_line", first_line)
        w.field("last_line", last_line)
        w.field("path", path)
        w.endObject()
    }
}
