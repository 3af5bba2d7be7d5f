import OOMLensSinkAPI

/// One report in the HTML page: headline, diagnosis, facts, zone bars, buddy histogram, top consumers and the
/// raw lines folded away.
enum HTMLEventSection {
    static func render(_ e: OOMEvent, anchor: String, topTasks: Int) -> String {
        let esc = HTMLFormat.escape
        var head = e.kind == .oom ? "OOM kill" : (e.kind == .allocationFailure ? "Allocation failure" : "Memory dump")
        if let v = e.victim?.comm ?? e.kill?.comm { head += ": " + v }
        var out = "<article class=\"event\" id=\"\(anchor)\">\n<h2>\(esc(head))"
        if let cause = e.diagnosis?.cause { out += " <span class=\"cause\">\(esc(cause))</span>" }
        if !e.complete { out += " <span class=\"partial\">partial report</span>" }
        out += "</h2>\n<p class=\"where\">"
        out += esc(e.host ?? "(no host)") + " · " + esc(e.time ?? e.uptime_s.map { "uptime \($0) s" } ?? "no time")
        out += " · " + esc(e.source.path) + " lines \(e.source.first_line)–\(e.source.last_line)</p>\n"

        if let d = e.diagnosis {
            out += "<div class=\"diagnosis\"><p>\(esc(d.summary))</p>\n"
            if !d.advice.isEmpty {
                out += "<ul>" + d.advice.map { "<li>\(esc($0))</li>" }.joined() + "</ul>\n"
            }
            if let u = d.unexplained_kb, u > 0 {
                out += "<p class=\"note\">Memory not explained by the task table: \(HTMLFormat.kb(u)).</p>\n"
            }
            out += "</div>\n"
        } else {
            out += "<p class=\"note\">No diagnosis in this event.</p>\n"
        }

        out += "<dl class=\"facts\">\n"
        for (term, value) in facts(e) {
            out += "<dt>\(esc(term))</dt><dd>\(esc(value))</dd>\n"
        }
        out += "</dl>\n"

        let zones = HTMLZoneChart.render(e)
        if !zones.isEmpty { out += "<h3>Zones: free memory and watermarks</h3>\n" + zones }
        let buddy = HTMLBuddyChart.render(e)
        if !buddy.isEmpty { out += "<h3>Free blocks by order</h3>\n" + buddy }
        let consumers = HTMLConsumers.render(e, topTasks: topTasks)
        if !consumers.isEmpty { out += "<h3>Top consumers</h3>\n" + consumers }

        if let raw = e.raw, !raw.isEmpty {
            out += "<details class=\"raw\"><summary>Raw lines (\(raw.count))</summary><pre>"
            out += raw.map(esc).joined(separator: "\n") + "</pre></details>\n"
        } else {
            out += "<details class=\"raw\"><summary>Raw lines</summary><p class=\"note\">Not kept: turn on "
            out += "<code>keep_raw</code> in the oom-assembler's options to see them here.</p></details>\n"
        }
        return out + "</article>\n"
    }

    /// Label and value of each fact the report shows, in reading order.
    static func facts(_ e: OOMEvent) -> [(String, String)] {
        var f: [(String, String)] = []
        var kernel = e.kernel.release ?? ""
        if let era = e.kernel.era { kernel += (kernel.isEmpty ? "" : " ") + "(format \(era))" }
        if !kernel.isEmpty { f.append(("Kernel", kernel)) }
        if let t = e.trigger {
            var s = t.comm ?? "?"
            if let pid = t.pid { s += " (pid \(pid))" }
            if let g = t.gfp_mask { s += ", gfp_mask=\(g)" }
            if let flags = t.gfp_flags ?? t.gfp_flags_printed, !flags.isEmpty { s += " (\(flags.joined(separator: "|")))" }
            if let o = t.order { s += ", order=\(o)" }
            if let adj = t.oom_score_adj { s += ", oom_score_adj=\(adj)" }
            f.append(("Trigger", s))
        }
        if let c = e.constraint { f.append(("Constraint", c)) }
        if let m = e.memcg {
            var s = m.oom_cgroup ?? m.task_cgroup ?? "?"
            if let u = m.usage_kb { s += ", usage \(HTMLFormat.kb(u))" }
            if let l = m.limit_kb { s += " of limit \(HTMLFormat.kb(l))" }
            if let n = m.failcnt { s += ", failcnt \(n)" }
            f.append(("Memory cgroup", s))
        }
        if let v = e.victim {
            var s = "\(v.comm) (pid \(v.pid))"
            if let a = v.anon_rss_kb { s += ", anon-rss \(HTMLFormat.kb(a))" }
            if let r = v.file_rss_kb { s += ", file-rss \(HTMLFormat.kb(r))" }
            if let r = v.shmem_rss_kb { s += ", shmem-rss \(HTMLFormat.kb(r))" }
            if let t = v.total_vm_kb { s += ", total-vm \(HTMLFormat.kb(t))" }
            if let c = v.cgroup { s += ", cgroup \(c)" }
            f.append(("Killed", s))
        } else if let k = e.kill {
            f.append(("Selected", "\(k.comm) (pid \(k.pid))" + (k.score.map { ", score \($0)" } ?? "")))
        }
        if let g = e.group_kills, !g.isEmpty {
            f.append(("Group kills", g.map { "\($0.comm) (pid \($0.pid))" }.joined(separator: ", ")))
        }
        if let r = e.reaped { f.append(("Reaped", "\(r.comm) (pid \(r.pid))")) }
        if let s = e.swap, let total = s.total_kb {
            f.append(("Swap", "\(HTMLFormat.kb(s.free_kb ?? 0)) free of \(HTMLFormat.kb(total))"))
        }
        if let o = e.outcome { f.append(("Outcome", o)) }
        return f
    }
}
