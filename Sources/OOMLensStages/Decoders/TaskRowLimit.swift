import OOMLensSinkAPI

/// Bounds an event's task table: a host with tens of thousands of tasks must not make an event of that size.
enum TaskRowLimit {
    /// Keeps the `limit` rows with the largest RSS (ties: the earlier row), in their table order, and returns how
    /// many were dropped.
    static func apply(_ limit: Int, to tasks: inout [OOMEvent.Task]) -> Int {
        let limit = max(0, limit)
        guard tasks.count > limit else { return 0 }
        let dropped = tasks.count - limit
        let kept = tasks.indices
            .sorted { (rss(tasks[$0]), -$0) > (rss(tasks[$1]), -$1) }
            .prefix(limit)
            .sorted()
        tasks = kept.map { tasks[$0] }
        return dropped
    }

    /// Resident pages of a row: `rss`, or the sum of the split columns (4.19+ tables print both).
    private static func rss(_ t: OOMEvent.Task) -> Int64 {
        t.rss_pages ?? ((t.rss_anon_pages ?? 0) &+ (t.rss_file_pages ?? 0) &+ (t.rss_shmem_pages ?? 0))
    }
}
