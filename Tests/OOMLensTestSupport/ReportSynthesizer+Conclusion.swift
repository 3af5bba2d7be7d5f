/// The lines that end a report: the `oom-kill:` summary (5.0+), the selection line (up to 5.0), the Killed line
/// and the `oom_reaper:` line (kernel-oom-report-format.md §6).
extension ReportSynthesizer {
    static func conclusionLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        var out: [SynthesizedKernelLine] = []
        let s = p.selection
        let v = p.victim
        let message = p.era.isMemcg ? "Memory cgroup out of memory" : "Out of memory"
        let rss = "total-vm:\(v.totalVMKB)kB, anon-rss:\(v.anonRSSKB)kB, file-rss:\(v.fileRSSKB)kB"
        let shmem = ", shmem-rss:\(v.shmemRSSKB)kB"
        func line(_ text: String, level: Int = 3) { out.append(SynthesizedKernelLine(text, level: level)) }
        switch p.era {
        case .linux2_6_18:
            line("Out of Memory: Kill process \(s.pid) (\(s.comm)) score \(s.score) and children.")
            line("Out of memory: Killed process \(v.pid) (\(v.comm)).")
        case .linux2_6_19to31:
            line("Out of memory: kill process \(s.pid) (\(s.comm)) score \(s.score) or a child")
            line("Killed process \(v.pid) (\(v.comm))")
        case .rhel6_2_6_32:
            line("Out of memory: Kill process \(s.pid) (\(s.comm)) score \(s.score) or sacrifice child")
            line("Killed process \(v.pid), UID \(v.uid), (\(v.comm)) \(rss)")
        case .linux3_10:
            line("Out of memory: Kill process \(s.pid) (\(s.comm)) score \(s.score) or sacrifice child")
            line("Killed process \(v.pid) (\(v.comm)) \(rss)")
        case .linux4_8, .linux4_19, .memcgV1:
            line("\(message): Kill process \(s.pid) (\(s.comm)) score \(s.score) or sacrifice child")
            line("Killed process \(v.pid) (\(v.comm)) \(rss)\(shmem)")
        case .linux6_1, .memcgV2:
            let context: String
            if let m = p.memcg, p.era == .memcgV2 {
                context = "oom_memcg=\(m.oomCgroup),task_memcg=\(m.taskCgroup)"
            } else {
                context = "global_oom,task_memcg=\(p.victimCgroup)"
            }
            let constraint = p.era == .memcgV2 ? "CONSTRAINT_MEMCG" : "CONSTRAINT_NONE"
            line("oom-kill:constraint=\(constraint),nodemask=(null),cpuset=\(p.cpuset),mems_allowed=\(p.memsAllowed),"
                + "\(context),task=\(v.comm),pid=\(v.pid),uid=\(v.uid)", level: 6)
            line("\(message): Killed process \(v.pid) (\(v.comm)) \(rss)\(shmem), UID:\(v.uid) "
                + "pgtables:\(v.pgtablesKB)kB oom_score_adj:\(v.oomScoreAdj)")
        }
        if p.printsReaperLine {
            line("oom_reaper: reaped process \(v.pid) (\(v.comm)), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
                 level: 6)
        }
        return out
    }
}
