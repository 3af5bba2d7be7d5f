import OOMLensSinkAPI

/// The text layout of one event in the console sink: the answer first (cause, the diagnosis in sentences with
/// the numbers, advice), then the details it rests on (source, trigger, cgroup, victim, zones, largest tasks).
enum ConsoleReport {
    /// Width the diagnosis paragraphs are wrapped to.
    static let width = 110

    static func render(_ e: OOMEvent, topTasks: Int) -> String {
        var s = ""
        let kind = e.kind == .oom ? "OOM kill" : e.kind.rawValue
        var head = "== \(kind)"
        if let host = e.host { head += " on \(host)" }
        if let time = e.time { head += " at \(time)" } else if let up = e.uptime_s { head += " at uptime \(up) s" }
        if !e.complete { head += " (partial report)" }
        s += head + "\n"
        if let d = e.diagnosis {
            s += "   cause: \(d.cause)\n"
            s += wrap(d.summary, first: "   why: ", rest: "        ")
            for a in d.advice { s += wrap(a, first: "   advice: ", rest: "           ") }
        }
        s += "   -- \(e.source.path) lines \(e.source.first_line)-\(e.source.last_line)"
        if let r = e.kernel.release { s += ", kernel \(r)" }
        if let era = e.kernel.era { s += ", format \(era)" }
        if let layout = e.diagnosis?.gfp_layout { s += ", GFP layout \(layout)" }
        s += "\n"
        if let t = e.trigger {
            var line = "   trigger: \(t.comm ?? "?")"
            if let pid = t.pid { line += " (pid \(pid))" }
            if let g = t.gfp_mask { line += " gfp_mask=\(g)" }
            if let flags = t.gfp_flags ?? t.gfp_flags_printed, !flags.isEmpty { line += " (\(flags.joined(separator: "|")))" }
            if let o = t.order { line += " order=\(o)" }
            s += line + "\n"
        }
        if let m = e.memcg {
            var line = "   memcg: \(m.oom_cgroup ?? m.task_cgroup ?? "?")"
            if let u = m.usage_kb, let l = m.limit_kb { line += " usage \(u) kB of limit \(l) kB" }
            if let f = m.failcnt { line += ", failcnt \(f)" }
            s += line + "\n"
        }
        if let v = e.victim {
            var line = "   killed: \(v.comm) (pid \(v.pid))"
            if let a = v.anon_rss_kb { line += " anon-rss \(a) kB" }
            if let f = v.file_rss_kb { line += " file-rss \(f) kB" }
            if let t = v.total_vm_kb { line += " total-vm \(t) kB" }
            s += line + "\n"
        }
        if let k = e.kill, k.pid != e.victim?.pid || e.victim == nil {
            s += "   selected: \(k.comm) (pid \(k.pid))" + (k.score.map { " score \($0)" } ?? "") + "\n"
        }
        let checks = e.diagnosis?.failed_zones ?? []
        for z in e.zones {
            var line = "   zone \(z.node.map { "node \($0) " } ?? "")\(z.zone):"
            if let f = z.free_kb { line += " free \(f) kB" }
            if let m = z.min_kb { line += " min \(m)" }
            if let l = z.low_kb { line += " low \(l)" }
            if let h = z.high_kb { line += " high \(h)" }
            if let c = checks.first(where: { $0.zone == z.zone && $0.node == z.node }), let verdict = c.verdict {
                line += c.passed ? " [passed]" : " [\(verdict)]"
            }
            s += line + "\n"
        }
        if topTasks > 0, !e.tasks.isEmpty {
            let top = e.tasks.sorted { ($0.rss_pages ?? 0) > ($1.rss_pages ?? 0) }.prefix(topTasks)
            s += "   largest tasks (rss pages): "
            s += top.map { "\($0.name)[\($0.pid)] \($0.rss_pages ?? 0)" }.joined(separator: ", ") + "\n"
        }
        if let names = e.diagnosis?.top_consumers_by_name, !names.isEmpty, topTasks > 0 {
            s += "   largest by name (rss kB): "
            s += names.prefix(topTasks).map { "\($0.name)×\($0.processes ?? 1) \($0.rss_kb)" }.joined(separator: ", ") + "\n"
        }
        return s + "\n"
    }

    /// `text` wrapped at word boundaries to ``width``, the first line after `first`, the others after `rest`.
    static func wrap(_ text: String, first: String, rest: String) -> String {
        var out = ""
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                out += line + "\n"
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        return out + line + "\n"
    }
}
