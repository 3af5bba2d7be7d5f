import OOMLensSinkAPI

/// What one event adds to the metrics. Kept by event id, so that an update of the id replaces it.
struct PrometheusContribution: Sendable, Equatable {
    var host: String
    var kind: String
    /// Set when the event is an OOM kill: the victim's name, the cause and the cgroup.
    var kill: KillLabels?
    /// Log time of the event (its first line), in seconds since the epoch.
    var time: Double?

    /// Labels of one OOM kill.
    struct KillLabels: Sendable, Hashable, Comparable {
        var host: String
        var victim: String
        var cause: String
        var cgroup: String

        static func < (a: KillLabels, b: KillLabels) -> Bool {
            (a.host, a.victim, a.cause, a.cgroup) < (b.host, b.victim, b.cause, b.cgroup)
        }
    }

    /// An event is an OOM kill when it is an OOM report that names its victim (the "Killed process" line, or the
    /// selection line of a partial report). The cgroup is the victim's (`task_memcg=`), else the memcg report's.
    init(_ e: OOMEvent) {
        host = e.host ?? ""
        kind = e.kind.rawValue
        time = e.time.flatMap(LogTime.init)?.seconds
        if e.kind == .oom, let victim = e.victim?.comm ?? e.kill?.comm {
            let cgroup = e.victim?.cgroup ?? e.memcg?.task_cgroup ?? e.memcg?.oom_cgroup ?? ""
            kill = KillLabels(host: host, victim: victim, cause: e.diagnosis?.cause ?? "unknown", cgroup: cgroup)
        }
    }
}
