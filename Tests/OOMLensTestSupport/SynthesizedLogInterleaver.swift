/// Mixes streams of log messages the way a shared log file mixes them: every stream keeps its own order, and
/// the streams' messages are shuffled into each other at random points.
///
/// A message is never split: the lines of a multi-line printk stay together, as journalctl and syslog keep them.
public enum SynthesizedLogInterleaver {
    /// A random merge of `streams`, each stream's order kept; the same seed gives the same merge.
    public static func merge(_ streams: [[SynthesizedLogEntry]], seed: UInt64) -> [SynthesizedLogEntry] {
        var random = SynthSeededRandom(seed: seed)
        var positions = [Int](repeating: 0, count: streams.count)
        var remaining = streams.reduce(0) { $0 + $1.count }
        var out: [SynthesizedLogEntry] = []
        out.reserveCapacity(remaining)
        while remaining > 0 {
            // Pick a stream with probability proportional to what it still has, so all streams end together.
            var ticket = random.int(in: 0...(remaining - 1))
            for s in streams.indices {
                let left = streams[s].count - positions[s]
                if ticket < left {
                    out.append(streams[s][positions[s]])
                    positions[s] += 1
                    break
                }
                ticket -= left
            }
            remaining -= 1
        }
        return out
    }

    /// A report's messages with `noise` scattered between them: noise before the header, inside the report
    /// and after its last line.
    public static func scatter(_ noise: [SynthesizedLogEntry], into report: [SynthesizedLogEntry],
                               seed: UInt64) -> [SynthesizedLogEntry] {
        merge([report, noise], seed: seed)
    }
}
