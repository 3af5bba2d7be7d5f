/// The direct JSON writer of ``OOMEvent/Consumer``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Consumer: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("name", name)
        w.field("pid", pid)
        w.field("processes", processes)
        w.field("rss_kb", rss_kb)
        try w.field("share_of_limit", share_of_limit)
        try w.field("share_of_ram", share_of_ram)
        w.field("swap_kb", swap_kb)
        w.endObject()
    }
}
