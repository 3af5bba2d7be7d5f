/// The direct JSON writer of ``OOMEvent/Trigger``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Trigger: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("comm", comm)
        w.field("cpuset", cpuset)
        w.field("gfp_flags", gfp_flags)
        w.field("gfp_flags_printed", gfp_flags_printed)
        w.field("gfp_mask", gfp_mask)
        w.field("mems_allowed", mems_allowed)
        w.field("nodemask", nodemask)
        w.field("oom_adj", oom_adj)
        w.field("oom_score_adj", oom_score_adj)
        w.field("oomkilladj", oomkilladj)
        w.field("order", order)
        w.field("pid", pid)
        w.field("uid", uid)
        w.endObject()
    }
}
