/// The direct JSON writer of ``OOMEvent/Memcg``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Memcg: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("failcnt", failcnt)
        try w.field("kmem", kmem)
        w.field("limit_kb", limit_kb)
        try w.field("memsw", memsw)
        w.field("oom_cgroup", oom_cgroup)
        w.field("stats", stats)
        try w.field("swap", swap)
        w.field("task_cgroup", task_cgroup)
        w.field("usage_kb", usage_kb)
        w.endObject()
    }
}
