/// The direct JSON writer of ``OOMEvent/Victim``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Victim: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("anon_rss_kb", anon_rss_kb)
        w.field("cgroup", cgroup)
        w.field("comm", comm)
        w.field("file_rss_kb", file_rss_kb)
        w.field("oom_score_adj", oom_score_adj)
        w.field("pgtables_kb", pgtables_kb)
        w.field("pid", pid)
        w.field("shmem_rss_kb", shmem_rss_kb)
        w.field("total_vm_kb", total_vm_kb)
        w.field("uid", uid)
        w.endObject()
    }
}
