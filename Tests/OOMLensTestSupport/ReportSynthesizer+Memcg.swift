import OOMLensSinkAPI

/// The memory-cgroup block of a memcg OOM (kernel-oom-report-format.md §3).
extension ReportSynthesizer {
    static func memcgLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        guard let m = p.memcg else { return [] }
        var out: [SynthesizedKernelLine] = []
        func line(_ text: String) { out.append(SynthesizedKernelLine(text)) }
        func counter(_ name: String, _ c: OOMEvent.CounterUsage) {
            line("\(name): usage \(c.usage_kb)kB, limit \(c.limit_kb)kB, failcnt \(c.failcnt)")
        }
        if p.era == .memcgV1 {
            line("Task in \(m.taskCgroup) killed as a result of limit of \(m.oomCgroup)")
            counter("memory", m.memory)
            if let memsw = m.memsw { counter("memory+swap", memsw) }
            if let kmem = m.kmem { counter("kmem", kmem) }
            for stats in m.statsLines {
                line("Memory cgroup stats for \(stats.cgroup):"
                    + stats.valuesKB.map { " \($0.name):\($0.value)KB" }.joined())
            }
        } else {
            counter("memory", m.memory)
            if let swap = m.swap { counter("swap", swap) }
            line("Memory cgroup stats for \(m.oomCgroup):")
            for (i, stat) in m.memoryStat.enumerated() {
                out.append(SynthesizedKernelLine("\(stat.name) \(stat.value)", continuesPrintk: i > 0))
            }
        }
        return out
    }
}
