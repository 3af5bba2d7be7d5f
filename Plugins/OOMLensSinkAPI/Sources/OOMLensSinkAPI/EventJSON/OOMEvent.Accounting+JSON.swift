/// The direct JSON writer of ``OOMEvent/Accounting``: its members in key order, as its `Codable` coding writes them.
extension OOMEvent.Accounting: JSONDirectWritable {
    func writeJSON(to w: inout JSONDirectWriter) throws {
        w.beginObject()
        w.field("anon_kb", anon_kb)
        w.field("explained_kb", explained_kb)
        w.field("free_kb", free_kb)
        w.field("hugepages_kb", hugepages_kb)
        w.field("kernel_other_kb", kernel_other_kb)
        w.field("kernel_stack_kb", kernel_stack_kb)
        w.field("limit_kb", limit_kb)
        w.field("lru_kb", lru_kb)
        w.field("page_cache_kb", page_cache_kb)
        w.field("page_tables_kb", page_tables_kb)
        w.field("reserved_kb", reserved_kb)
        w.field("rss_sum_kb", rss_sum_kb)
        w.field("scope", scope)
        w.field("shmem_kb", shmem_kb)
        w.field("slab_reclaimable_kb", slab_reclaimable_kb)
        w.field("slab_unreclaimable_kb", slab_unreclaimable_kb)
        w.field("swap_cache_kb", swap_cache_kb)
        w.field("swap_total_kb", swap_total_kb)
        w.field("swap_used_kb", swap_used_kb)
        w.field("total_kb", total_kb)
        w.field("unevictable_kb", unevictable_kb)
        w.endObject()
    }
}
