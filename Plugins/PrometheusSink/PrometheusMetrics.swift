import OOMLensSinkAPI

/// The OOMLens metrics in the Prometheus text format: OOM kills by host, victim, cause and cgroup, the log time
/// of the last kill per host, events by host and kind, and the pipeline's own counters.
///
/// A value type with no I/O, so that the textfile writer of the `prometheus` sink and an HTTP `/metrics`
/// endpoint render the same text. Events are counted by id: an update of an id replaces what it counted.
public struct PrometheusMetrics: Sendable {
    private var byID: [String: PrometheusContribution] = [:]
    /// The pipeline's counters (files, lines, bytes, events, the stages' named counters), as last handed over.
    public private(set) var pipelineCounters: [String: Int] = [:]

    public init() {}

    /// Number of distinct event ids recorded.
    public var eventCount: Int { byID.count }

    /// Counts `events`, replacing what an earlier event with the same id counted.
    public mutating func record(_ events: [OOMEvent]) {
        for e in events { byID[e.id] = PrometheusContribution(e) }
    }

    /// Replaces the pipeline's counters.
    public mutating func setPipelineCounters(_ counters: [String: Int]) {
        pipelineCounters = counters
    }

    /// The exposition text (`text/plain; version=0.0.4`), series sorted by their labels.
    public func render() -> String {
        var kills: [PrometheusContribution.KillLabels: Int] = [:]
        var lastKill: [String: Double] = [:]
        var events: [[String]: Int] = [:]
        for c in byID.values {
            events[[c.host, c.kind], default: 0] += 1
            guard let k = c.kill else { continue }
            kills[k, default: 0] += 1
            if let t = c.time { lastKill[c.host] = max(lastKill[c.host] ?? t, t) }
        }
        var out = PrometheusText.header(
            "oomlens_oom_kills_total", type: "counter",
            help: "OOM kills found in the logs, by host, victim process name, cause (diagnosis) and cgroup.")
        for (k, n) in kills.sorted(by: { $0.key < $1.key }) {
            let labels = PrometheusText.labels([("host", k.host), ("victim", k.victim), ("cause", k.cause),
                                                ("cgroup", k.cgroup)])
            out += "oomlens_oom_kills_total\(labels) \(n)\n"
        }
        out += PrometheusText.header(
            "oomlens_last_oom_kill_timestamp_seconds", type: "gauge",
            help: "Log time of the latest OOM kill per host, in seconds since the epoch (from the log line, not from when it was read).")
        for (host, t) in lastKill.sorted(by: { $0.key < $1.key }) {
            out += "oomlens_last_oom_kill_timestamp_seconds\(PrometheusText.labels([("host", host)])) \(PrometheusText.value(t))\n"
        }
        out += PrometheusText.header(
            "oomlens_events_total", type: "counter",
            help: "Reports found in the logs, by host and kind (oom, allocation-failure, memory-dump).")
        for (key, n) in events.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            out += "oomlens_events_total\(PrometheusText.labels([("host", key[0]), ("kind", key[1])])) \(n)\n"
        }
        out += PrometheusText.header(
            "oomlens_pipeline_total", type: "counter",
            help: "The pipeline's own counters: files, lines, bytes and events read, errors, and the stages' named counters.")
        for (name, n) in pipelineCounters.sorted(by: { $0.key < $1.key }) {
            out += "oomlens_pipeline_total\(PrometheusText.labels([("counter", name)])) \(n)\n"
        }
        return out
    }
}
