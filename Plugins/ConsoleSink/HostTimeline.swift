import OOMLensSinkAPI

/// The run's reports per host, for the summary the console prints at the end: how many OOMs, the first and the
/// last, the victims and how often each was killed, the worst report and the causes.
///
/// An event that comes again with the same id (an update) replaces the earlier one.
struct HostTimeline {
    /// What the timeline keeps of one event.
    struct Entry {
        var kind: OOMEvent.Kind
        var when: String
        /// Sort key: RFC 3339 time, else uptime, else the line number.
        var order: String
        var victim: String?
        var victimPid: Int?
        /// The victim's resident memory (anon + file + shmem), kB.
        var residentKB: Int64?
        var cause: String?
        var source: String
    }

    private var hosts: [String] = []
    private var entries: [String: [String: Entry]] = [:]
    private var ids: [String: [String]] = [:]

    var isEmpty: Bool { hosts.isEmpty }

    mutating func add(_ e: OOMEvent) {
        let host = e.host ?? "(no host name)"
        if entries[host] == nil {
            hosts.append(host)
            entries[host] = [:]
            ids[host] = []
        }
        if entries[host]?[e.id] == nil { ids[host]?.append(e.id) }
        var when = "\(e.source.path) line \(e.source.first_line)"
        var order = String(repeating: "~", count: 2) + pad(e.source.first_line)
        if let time = e.time {
            when = time
            order = time
        } else if let up = e.uptime_s {
            when = "uptime \(up) s"
            order = "~" + pad(Int(up))
        }
        let v = e.victim
        let resident = v.map { ($0.anon_rss_kb ?? 0) + ($0.file_rss_kb ?? 0) + ($0.shmem_rss_kb ?? 0) }
        entries[host]?[e.id] = Entry(
            kind: e.kind, when: when, order: order, victim: v?.comm ?? e.kill?.comm, victimPid: v?.pid ?? e.kill?.pid,
            residentKB: resident, cause: e.diagnosis?.cause,
            source: "\(e.source.path) lines \(e.source.first_line)-\(e.source.last_line)")
    }

    private func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 12 - s.count)) + s
    }

    /// The summary text, one block per host in the order the hosts first appeared.
    func render() -> String {
        var s = ""
        for host in hosts {
            let all = (ids[host] ?? []).compactMap { entries[host]?[$0] }.sorted { $0.order < $1.order }
            let ooms = all.filter { $0.kind == .oom }
            s += "== Timeline for \(host): \(count(ooms.count, "OOM kill report"))"
            if let first = ooms.first, let last = ooms.last {
                s += ooms.count == 1 ? " at \(first.when)" : ", first at \(first.when), last at \(last.when)"
            }
            let failures = all.filter { $0.kind == .allocationFailure }.count
            let dumps = all.filter { $0.kind == .memoryDump }.count
            if failures > 0 { s += "; \(count(failures, "allocation failure"))" }
            if dumps > 0 { s += "; \(count(dumps, "memory dump"))" }
            s += "\n"
            let victims = tally(ooms.compactMap(\.victim))
            if !victims.isEmpty { s += "   victims: " + victims.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ") + "\n" }
            let causes = tally(all.compactMap(\.cause))
            if !causes.isEmpty { s += "   causes: " + causes.map { "\($0.0) ×\($0.1)" }.joined(separator: ", ") + "\n" }
            if let worst = ooms.filter({ $0.residentKB != nil }).max(by: { ($0.residentKB ?? 0) < ($1.residentKB ?? 0) })
                ?? ooms.first
            {
                var line = "   worst: \(worst.when)"
                if let name = worst.victim { line += ", killed \(name)" + (worst.victimPid.map { " (pid \($0))" } ?? "") }
                if let kb = worst.residentKB { line += " holding \(kb) kB" }
                if let cause = worst.cause { line += ", \(cause)" }
                s += line + " (\(worst.source))\n"
            }
            s += "\n"
        }
        return s
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Items with their counts, most frequent first (ties in order of first appearance).
    private func tally(_ items: [String]) -> [(String, Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for i in items {
            if counts[i] == nil { order.append(i) }
            counts[i, default: 0] += 1
        }
        return order.enumerated().sorted {
            counts[$0.element]! != counts[$1.element]! ? counts[$0.element]! > counts[$1.element]! : $0.offset < $1.offset
        }.map { ($0.element, counts[$0.element]!) }
    }
}
