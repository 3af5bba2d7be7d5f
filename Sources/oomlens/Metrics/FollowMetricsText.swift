import OOMLensCore
import PrometheusSink

/// The follower's own series for `/metrics`: events per stage and, per followed path, the bytes read against
/// the size on disk, the lag behind the writer and the time since the newest bytes were read.
enum FollowMetricsText {
    /// Renders `stats`, taken `age` seconds ago (the times are advanced by it).
    static func render(_ stats: FollowStats, age: Double) -> String {
        var out = family("oomlens_follow_uptime_seconds", "gauge", "Seconds since the follower (re)started.")
        out += "oomlens_follow_uptime_seconds \(PrometheusText.value(rounded(stats.seconds + age)))\n"
        out += family("oomlens_follow_stage_events_total", "counter",
                      "Events each stage made (line stages) or passed on (event stages) since the follower (re)started.")
        for s in stats.eventsByStage {
            out += "oomlens_follow_stage_events_total\(PrometheusText.labels([("stage", s.stage)])) \(s.events)\n"
        }
        out += family("oomlens_follow_events_delivered_total", "counter",
                      "Events written to the sinks by kind, updates of a report included.")
        for (kind, n) in stats.eventsByKind.sorted(by: { $0.key < $1.key }) {
            out += "oomlens_follow_events_delivered_total\(PrometheusText.labels([("kind", kind)])) \(n)\n"
        }
        out += family("oomlens_follow_lines_cut_total", "counter", "Over-long lines cut at the files source's maxLineBytes.")
        out += "oomlens_follow_lines_cut_total \(stats.truncatedLines)\n"
        out += family("oomlens_follow_bytes_skipped_total", "counter", "Bytes dropped from over-long lines.")
        out += "oomlens_follow_bytes_skipped_total \(stats.truncatedBytes)\n"
        out += perFile(stats, age: age)
        return out
    }

    private static func perFile(_ stats: FollowStats, age: Double) -> String {
        var offsets = "", sizes = "", lagBytes = "", lagSeconds = "", sinceRead = "", caughtUp = "", queued = ""
        for f in stats.files {
            let path = PrometheusText.labels([("path", f.stream)])
            let file = PrometheusText.labels([("path", f.stream), ("file", f.path)])
            offsets += "oomlens_follow_file_offset_bytes\(file) \(f.diskOffset)\n"
            sizes += "oomlens_follow_file_size_bytes\(file) \(f.diskSize)\n"
            lagBytes += "oomlens_follow_lag_bytes\(path) \(f.lagBytes)\n"
            let behind = f.caughtUp ? 0 : f.lagSeconds + age
            lagSeconds += "oomlens_follow_lag_seconds\(path) \(PrometheusText.value(rounded(behind)))\n"
            if let s = f.secondsSinceRead {
                sinceRead += "oomlens_follow_last_read_age_seconds\(path) \(PrometheusText.value(rounded(s + age)))\n"
            }
            caughtUp += "oomlens_follow_caught_up\(path) \(f.caughtUp ? 1 : 0)\n"
            queued += "oomlens_follow_rotated_files_queued\(path) \(f.queuedFiles)\n"
        }
        return family("oomlens_follow_file_offset_bytes", "gauge",
                      "Bytes on disk read of the file being read for each followed path (compressed bytes for a gzip file).")
            + offsets
            + family("oomlens_follow_file_size_bytes", "gauge", "Size on disk of the file being read for each followed path.")
            + sizes
            + family("oomlens_follow_lag_bytes", "gauge", "Bytes on disk the follower is behind the writer, per followed path.")
            + lagBytes
            + family("oomlens_follow_lag_seconds", "gauge",
                     "Seconds since the follower was last at the writer's end of the path (0 when caught up).")
            + lagSeconds
            + family("oomlens_follow_last_read_age_seconds", "gauge", "Seconds since the newest bytes of the path were read.")
            + sinceRead
            + family("oomlens_follow_caught_up", "gauge", "1 when everything written to the path has been read.")
            + caughtUp
            + family("oomlens_follow_rotated_files_queued", "gauge", "Rotated files still to read before the live file.")
            + queued
    }

    private static func family(_ name: String, _ type: String, _ help: String) -> String {
        PrometheusText.header(name, type: type, help: help)
    }

    /// Milliseconds are enough for these gauges.
    private static func rounded(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }
}
