/// Minimum, median, 95th percentile and maximum of a set of latencies (nearest-rank percentiles).
struct LatencySummary {
    var count: Int
    var minimum: Double
    var median: Double
    var p95: Double
    var maximum: Double

    /// Summarises `seconds`, which must not be empty.
    init(_ seconds: [Double]) {
        let sorted = seconds.sorted()
        count = sorted.count
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        median = Self.rank(0.5, sorted)
        p95 = Self.rank(0.95, sorted)
    }

    /// The nearest-rank percentile `p` (0…1) of `sorted`.
    private static func rank(_ p: Double, _ sorted: [Double]) -> Double {
        let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(index, 0), sorted.count - 1)]
    }
}
