/// The direct JSON writer of ``OOMEvent/Task``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Task: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("cpu", cpu)
        w.field("name", name)
        w.field("nr_pmds", nr_pmds)
        w.field("nr_ptes", nr_ptes)
        w.field("oom_adj", oom_adj)
        w.field("oom_score_adj", oom_score_adj)
        w.field("pgtables_bytes", pgtables_bytes)
        w.field("pid", pid)
        w.field("rss_anon_pages", rss_anon_pages)
        w.field("rss_file_pages", rss_file_pages)
        w.field("rss_pages", rss_pages)
        w.field("rss_shmem_pages", rss_shmem_pages)
        w.field("swapents", swapents)
        w.field("tgid", tgid)
        w.field("total_vm_pages", total_vm_pages)
        w.field("uid", uid)
        w.endObject()
    }
}
