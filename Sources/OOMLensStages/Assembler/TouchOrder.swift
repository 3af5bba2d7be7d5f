/// Keys in the order they were touched, oldest first: a queue with stale entries left in place and skipped by the
/// reader, and rebuilt from the live state when they outnumber it.
struct TouchOrder {
    private var entries: [(key: UInt64, touched: Int)] = []
    private var start = 0

    mutating func append(key: UInt64, touched: Int) {
        entries.append((key, touched))
    }

    /// The oldest entry not read yet, or nil.
    mutating func popOldest() -> (key: UInt64, touched: Int)? {
        guard start < entries.count else { return nil }
        defer { start += 1 }
        return entries[start]
    }

    /// True when the queue (read entries included) holds many more entries than the `open` live ones: time to
    /// rebuild it, so its memory follows the open reports, not the lines read.
    func needsCompaction(open: Int) -> Bool {
        entries.count > 2 * open + 4096
    }

    /// Replaces the queue with the live `(key, touched)` pairs, oldest first.
    mutating func rebuild(_ live: [(UInt64, Int)]) {
        entries = live.sorted { $0.1 < $1.1 }.map { (key: $0.0, touched: $0.1) }
        start = 0
    }
}
