/// The direct JSON writer of ``OOMEvent/Kernel``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Kernel: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("era", era)
        w.field("release", release)
        w.endObject()
    }
}
