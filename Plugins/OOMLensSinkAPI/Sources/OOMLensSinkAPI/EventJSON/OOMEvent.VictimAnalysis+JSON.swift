/// The direct JSON writer of ``OOMEvent/VictimAnalysis``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.VictimAnalysis: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("agrees", agrees)
        w.field("child_sacrificed", child_sacrificed)
        w.field("explanation", explanation)
        w.field("formula", formula)
        w.field("killed_pid", killed_pid)
        w.field("printed_score", printed_score)
        try w.field("ranking", ranking)
        w.field("recomputed_score", recomputed_score)
        w.field("selected_pid", selected_pid)
        w.field("top_pid", top_pid)
        w.field("total_pages", total_pages)
        w.endObject()
    }
}
