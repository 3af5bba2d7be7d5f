import OOMLensSinkAPI

/// The facts of a synthesised report, in the fields of ``OOMEvent``: exactly what the printed lines show.
extension ReportSynthesizer {
    static func facts(_ p: SynthesizedReportParameters) -> OOMEvent {
        let era = p.era
        var event = OOMEvent(id: "", kind: .oom, complete: p.includeKillLines,
                             source: OOMEvent.Source(path: "-", first_line: 0, last_line: 0))
        if era != .linux2_6_18 { event.kernel.release = p.kernelRelease }
        event.trigger = triggerFacts(p)
        if p.includeKillLines, era == .linux6_1 { event.constraint = "CONSTRAINT_NONE" }
        if p.includeKillLines, era == .memcgV2 { event.constraint = "CONSTRAINT_MEMCG" }
        event.memcg = memcgFacts(p)
        event.zones = printedZones(p).map { zoneFacts($0, p) }
        if p.printsTaskTable { event.tasks = p.tasks.map { taskFacts($0, p) } }
        if p.includeKillLines {
            if era.printsSelectionLine {
                event.kill = OOMEvent.Kill(pid: p.selection.pid, comm: p.selection.comm, score: p.selection.score)
            }
            event.victim = victimFacts(p)
        }
        if p.printsReaperLine {
            var reaped = OOMEvent.Victim(pid: p.victim.pid, comm: p.victim.comm)
            reaped.anon_rss_kb = 0
            reaped.file_rss_kb = 0
            reaped.shmem_rss_kb = 0
            event.reaped = reaped
        }
        return event
    }

    static func triggerFacts(_ p: SynthesizedReportParameters) -> OOMEvent.Trigger {
        var t = OOMEvent.Trigger()
        let era = p.era
        if era != .linux2_6_18 {
            t.comm = p.trigger.comm
            t.pid = p.trigger.pid
        }
        t.gfp_mask = p.trigger.gfpMask
        if era.printsGFPFlagNames { t.gfp_flags_printed = p.trigger.gfpFlagNames }
        t.order = p.trigger.order
        switch era {
        case .linux2_6_18:
            break
        case .linux2_6_19to31:
            t.oomkilladj = p.trigger.oomAdj
        case .rhel6_2_6_32:
            t.oom_adj = p.trigger.oomAdj
            t.oom_score_adj = p.trigger.oomScoreAdj
        default:
            t.oom_score_adj = p.trigger.oomScoreAdj
        }
        if era == .linux4_19 || era == .memcgV1 { t.nodemask = "(null)" }
        if printsCpusetLine(era) || (p.includeKillLines && (era == .linux6_1 || era == .memcgV2)) {
            t.cpuset = p.cpuset
            t.mems_allowed = p.memsAllowed
        }
        return t
    }

    static func memcgFacts(_ p: SynthesizedReportParameters) -> OOMEvent.Memcg? {
        guard p.era.isMemcg, let m = p.memcg else { return nil }
        var facts = OOMEvent.Memcg()
        facts.usage_kb = m.memory.usage_kb
        facts.limit_kb = m.memory.limit_kb
        facts.failcnt = m.memory.failcnt
        if p.era == .memcgV1 {
            facts.oom_cgroup = m.oomCgroup
            facts.task_cgroup = m.taskCgroup
            facts.memsw = m.memsw
            facts.kmem = m.kmem
            var stats: [String: Int64] = [:]
            for line in m.statsLines {
                for stat in line.valuesKB { stats[stat.name + "_kb", default: 0] += stat.value }
            }
            facts.stats = stats.isEmpty ? nil : stats
        } else {
            if p.includeKillLines {
                facts.oom_cgroup = m.oomCgroup
                facts.task_cgroup = m.taskCgroup
            }
            facts.swap = m.swap
            var stats: [String: Int64] = [:]
            for stat in m.memoryStat { stats[stat.name] = stat.value }
            facts.stats = stats.isEmpty ? nil : stats
        }
        return facts
    }

    static func zoneFacts(_ z: SynthesizedZone, _ p: SynthesizedReportParameters) -> OOMEvent.Zone {
        var zone = OOMEvent.Zone(node: z.node, zone: z.name)
        zone.free_kb = z.freeKB
        zone.min_kb = z.minKB
        zone.low_kb = z.lowKB
        zone.high_kb = z.highKB
        zone.present_kb = z.presentKB
        if p.era.zoneLineHasManaged { zone.managed_kb = z.managedKB }
        if p.era.zoneLineHasAllUnreclaimable { zone.all_unreclaimable = z.allUnreclaimable }
        zone.lowmem_reserve_pages = z.lowmemReservePages
        if z.isPopulated, !z.freeBlocks.isEmpty {
            var buddy = OOMEvent.Buddy(page_kb: p.pageSizeKB, counts: z.freeBlocks,
                                       total_kb: z.buddyTotalKB(pageSizeKB: p.pageSizeKB))
            if p.era.printsMigrateTypes {
                let types: [String?] = z.freeBlocks.enumerated().map { order, count in
                    count > 0 && order < z.migrateTypes.count ? z.migrateTypes[order] : nil
                }
                if types.contains(where: { $0 != nil }) { buddy.types = types }
            }
            zone.buddy = buddy
        } else {
            var empty = OOMEvent.Buddy()
            empty.empty = true
            zone.buddy = empty
        }
        return zone
    }

    static func taskFacts(_ t: SynthesizedTask, _ p: SynthesizedReportParameters) -> OOMEvent.Task {
        var task = OOMEvent.Task(pid: t.pid, name: t.name)
        task.uid = t.uid
        task.tgid = t.tgid
        task.total_vm_pages = t.totalVMPages
        task.rss_pages = t.rssPages
        switch p.era {
        case .linux2_6_18:
            break
        case .linux2_6_19to31:
            task.cpu = t.cpu
            task.oom_adj = t.oomAdj
        case .rhel6_2_6_32:
            task.cpu = t.cpu
            task.oom_adj = t.oomAdj
            task.oom_score_adj = t.oomScoreAdj
        case .linux3_10:
            task.nr_ptes = t.pageTablePages
            task.swapents = t.swapents
            task.oom_score_adj = t.oomScoreAdj
        case .linux4_8, .memcgV1:
            task.nr_ptes = t.pageTablePages
            task.nr_pmds = t.pmdPages
            task.swapents = t.swapents
            task.oom_score_adj = t.oomScoreAdj
        case .linux4_19, .linux6_1, .memcgV2:
            task.pgtables_bytes = t.pageTablePages * p.pageSizeKB * 1024
            task.swapents = t.swapents
            task.oom_score_adj = t.oomScoreAdj
        }
        return task
    }

    static func victimFacts(_ p: SynthesizedReportParameters) -> OOMEvent.Victim {
        let v = p.victim
        var victim = OOMEvent.Victim(pid: v.pid, comm: v.comm)
        switch p.era {
        case .linux2_6_18, .linux2_6_19to31:
            break
        case .rhel6_2_6_32, .linux3_10:
            if p.era == .rhel6_2_6_32 { victim.uid = v.uid }
            victim.total_vm_kb = v.totalVMKB
            victim.anon_rss_kb = v.anonRSSKB
            victim.file_rss_kb = v.fileRSSKB
        case .linux4_8, .linux4_19, .memcgV1:
            victim.total_vm_kb = v.totalVMKB
            victim.anon_rss_kb = v.anonRSSKB
            victim.file_rss_kb = v.fileRSSKB
            victim.shmem_rss_kb = v.shmemRSSKB
        case .linux6_1, .memcgV2:
            victim.uid = v.uid
            victim.total_vm_kb = v.totalVMKB
            victim.anon_rss_kb = v.anonRSSKB
            victim.file_rss_kb = v.fileRSSKB
            victim.shmem_rss_kb = v.shmemRSSKB
            victim.pgtables_kb = v.pgtablesKB
            victim.oom_score_adj = v.oomScoreAdj
        }
        return victim
    }
}
