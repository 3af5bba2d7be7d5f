/// The direct JSON writer of ``OOMEvent/Diagnosis``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Diagnosis: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        try w.field("accounting", accounting)
        w.field("advice", advice)
        w.field("allowed_zones", allowed_zones)
        w.field("cause", cause)
        try w.field("failed_zones", failed_zones)
        w.field("fragmented", fragmented)
        w.field("gfp_disagreements", gfp_disagreements)
        w.field("gfp_layout", gfp_layout)
        w.field("node", node)
        w.field("summary", summary)
        try w.field("top_consumers", top_consumers)
        try w.field("top_consumers_by_name", top_consumers_by_name)
        w.field("unexplained_kb", unexplained_kb)
        try w.field("victim", victim)
        w.endObject()
    }
}
