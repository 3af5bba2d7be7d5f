import OOMLensSinkAPI

/// Decodes the summary line (5.0+, and vendor backports; kernel-oom-report-format.md §6.3):
/// `oom-kill:constraint=%s,nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl,(oom_memcg=<CG>|global_oom)
/// [,task_memcg=<CG>],task=%s,pid=%d,uid=%d`.
///
/// Node lists hold commas (`0-1,3`), so a comma-separated piece without `=` continues the value before it.
/// The task name may hold commas and spaces: it runs from `task=` to the last `,pid=`. A line cut short is
/// read as far as it goes.
enum OOMKillSummaryDecoder {
    /// - Returns: true when `text` is the summary line.
    static func decode(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        guard text.hasBytePrefix("oom-kill:") else { return false }
        state.evidence.summaryLine = true
        let body = text.dropFirst("oom-kill:".count)
        let taskRange = TextParsing.range(of: ",task=", in: body)
        let settings = taskRange.map { body[..<$0.lowerBound] } ?? body

        var values: [(key: Substring, value: String)] = []
        for piece in TextParsing.split(settings, separator: ",") {
            if let equals = TextParsing.index(of: UInt8(ascii: "="), in: piece) {
                values.append((piece[..<equals], String(piece[piece.index(after: equals)...])))
            } else if piece == "global_oom" {
                values.append((piece, ""))
            } else if !values.isEmpty {
                values[values.count - 1].value += "," + piece
            }
        }
        var trigger = event.trigger ?? OOMEvent.Trigger()
        var oomCgroup: String?
        var taskCgroup: String?
        for (key, value) in values {
            switch key {
            case "constraint": event.constraint = event.constraint ?? value
            case "nodemask": trigger.nodemask = trigger.nodemask ?? value
            case "cpuset": trigger.cpuset = trigger.cpuset ?? value
            case "mems_allowed": trigger.mems_allowed = trigger.mems_allowed ?? value
            case "oom_memcg": oomCgroup = value
            case "task_memcg": taskCgroup = value
            default: break
            }
        }
        event.trigger = trigger
        // `memcg` is for memory-cgroup OOMs only; a global OOM's task_memcg stays with the victim.
        if let oomCgroup {
            var memcg = event.memcg ?? OOMEvent.Memcg()
            memcg.oom_cgroup = memcg.oom_cgroup ?? oomCgroup
            memcg.task_cgroup = memcg.task_cgroup ?? taskCgroup
            event.memcg = memcg
        }

        guard let taskRange, state.summaryVictim == nil else { return true }
        let task = body[taskRange.upperBound...]
        guard let pidRange = TextParsing.lastRange(of: ",pid=", in: task) else { return true }
        var scanner = LineScanner(task[pidRange.upperBound...])
        guard let pid = scanner.readInteger().flatMap({ Int(exactly: $0) }) else { return true }
        var victim = OOMEvent.Victim(pid: pid, comm: String(task[..<pidRange.lowerBound]))
        if scanner.skip(",uid=") { victim.uid = scanner.readInteger().flatMap { Int(exactly: $0) } }
        victim.cgroup = taskCgroup
        state.summaryVictim = victim
        return true
    }
}
