/// The Mem-Info block of a global OOM: per-CPU pagesets, global counters, node lines, zone lines with their
/// `lowmem_reserve[]:` lines, buddy lines, hugepages, swap and page totals (kernel-oom-report-format.md §4).
extension ReportSynthesizer {
    /// Page counts for the global counter lines, derived from the zones and tasks so they look plausible.
    struct GlobalCounters {
        var free: Int64
        var activeAnon: Int64
        var inactiveAnon: Int64
        var activeFile: Int64
        var inactiveFile: Int64
        var slabReclaimable: Int64
        var slabUnreclaimable: Int64
        var mapped: Int64
        var shmem: Int64
        var pagetables: Int64
        var freePcp: Int64

        init(_ p: SynthesizedReportParameters) {
            let page = p.pageSizeKB
            let managed = p.zones.reduce(Int64(0)) { $0 + ($1.managedKB > 0 ? $1.managedKB : $1.presentKB) } / page
            free = p.zones.reduce(Int64(0)) { $0 + $1.freeKB } / page
            let used = max(0, managed - free)
            let anon = min(p.tasks.reduce(Int64(0)) { $0 + $1.rssPages }, used * 9 / 10)
            activeAnon = anon * 7 / 8
            inactiveAnon = anon - activeAnon
            let rest = used - anon
            activeFile = rest / 16
            inactiveFile = rest / 20
            slabReclaimable = rest / 12
            slabUnreclaimable = rest / 7
            mapped = rest / 24
            shmem = rest / 40
            pagetables = p.tasks.reduce(Int64(0)) { $0 + $1.pageTablePages }
            freePcp = Int64(p.cpuCount) * 31
        }
    }

    /// kB values of one zone's LRU and slab fields, split from its used memory.
    struct ZoneUsage {
        var activeAnon: Int64
        var inactiveAnon: Int64
        var activeFile: Int64
        var inactiveFile: Int64
        var slabReclaimable: Int64
        var slabUnreclaimable: Int64
        var kernelStack: Int64
        var pagetables: Int64
        var mapped: Int64
        var shmem: Int64
        var freePcp: Int64

        init(_ zone: SynthesizedZone, pageSizeKB page: Int64) {
            let size = zone.managedKB > 0 ? zone.managedKB : zone.presentKB
            let used = max(0, size - zone.freeKB) / page
            activeAnon = used * 6 / 10 * page
            inactiveAnon = used * 2 / 10 * page
            activeFile = used / 50 * page
            inactiveFile = used / 60 * page
            slabReclaimable = used / 40 * page
            slabUnreclaimable = used / 25 * page
            kernelStack = zone.name == "DMA" ? 0 : used / 400 * page
            pagetables = used / 120 * page
            mapped = used / 80 * page
            shmem = used / 200 * page
            freePcp = zone.name == "DMA" ? 0 : min(zone.freeKB, 744)
        }
    }

    static func memInfoLines(_ p: SynthesizedReportParameters) -> [SynthesizedKernelLine] {
        var out: [SynthesizedKernelLine] = []
        func line(_ text: String) { out.append(SynthesizedKernelLine(text)) }
        func printk(_ texts: [String]) {
            for (i, text) in texts.enumerated() { out.append(SynthesizedKernelLine(text, continuesPrintk: i > 0)) }
        }
        let era = p.era
        let zones = printedZones(p)
        let c = GlobalCounters(p)
        line(era == .linux2_6_18 ? "Mem-info:" : "Mem-Info:")

        // Per-CPU pagesets (until 4.0).
        switch era {
        case .linux2_6_18:
            for z in zones {
                guard z.isPopulated else {
                    line("\(nodePrefix(z.node))\(z.name) per-cpu: empty")
                    continue
                }
                line("\(nodePrefix(z.node))\(z.name) per-cpu:")
                for cpu in 0..<p.cpuCount {
                    let (high, batch) = z.name == "DMA" ? (0, 1) : (186, 31)
                    line("cpu \(cpu) hot: high \(high), batch \(batch) used:\(batch == 1 ? 0 : 30 - cpu)")
                    line("cpu \(cpu) cold: high \(high / 3), batch \(max(1, batch / 2)) used:\(batch == 1 ? 0 : 14)")
                }
            }
        case .linux2_6_19to31, .rhel6_2_6_32, .linux3_10:
            for z in zones {
                line("\(nodePrefix(z.node))\(z.name) per-cpu:")
                for cpu in 0..<p.cpuCount {
                    let (high, batch, used) = z.name == "DMA" ? (0, 1, 0) : (186, 31, 150 + cpu * 7)
                    line("CPU \(pad(cpu, 4)): hi:\(pad(high, 5)), btch:\(pad(batch, 4)) usd:\(pad(used, 4))")
                }
            }
        default:
            break
        }

        // Global counters (one printk of several lines).
        switch era {
        case .linux2_6_18:
            let highFree = zones.filter { $0.name == "HighMem" }.reduce(Int64(0)) { $0 + $1.freeKB }
            line("Free pages: \(pad(c.free * p.pageSizeKB, 11))kB (\(highFree)kB HighMem)")
            line("Active:\(c.activeAnon + c.activeFile) inactive:\(c.inactiveAnon + c.inactiveFile) dirty:0 "
                + "writeback:0 unstable:0 free:\(c.free) slab:\(c.slabReclaimable + c.slabUnreclaimable) "
                + "mapped:\(c.mapped) pagetables:\(c.pagetables)")
        case .linux2_6_19to31:
            printk(["Active_anon:\(c.activeAnon) active_file:\(c.activeFile) inactive_anon:\(c.inactiveAnon)",
                    " inactive_file:\(c.inactiveFile) unevictable:0 dirty:0 writeback:0 unstable:0",
                    " free:\(c.free) slab:\(c.slabReclaimable + c.slabUnreclaimable) mapped:\(c.mapped) "
                        + "pagetables:\(c.pagetables) bounce:0"])
        case .rhel6_2_6_32, .linux3_10:
            var lines = ["active_anon:\(c.activeAnon) inactive_anon:\(c.inactiveAnon) isolated_anon:0",
                         " active_file:\(c.activeFile) inactive_file:\(c.inactiveFile) isolated_file:0",
                         " unevictable:0 dirty:3 writeback:0 unstable:0",
                         " free:\(c.free) slab_reclaimable:\(c.slabReclaimable) "
                             + "slab_unreclaimable:\(c.slabUnreclaimable)",
                         " mapped:\(c.mapped) shmem:\(c.shmem) pagetables:\(c.pagetables) bounce:0"]
            if era == .linux3_10 { lines.append(" free_cma:0") }
            printk(lines)
        case .linux4_8, .linux4_19:
            printk(["active_anon:\(c.activeAnon) inactive_anon:\(c.inactiveAnon) isolated_anon:0",
                    " active_file:\(c.activeFile) inactive_file:\(c.inactiveFile) isolated_file:0",
                    " unevictable:0 dirty:0 writeback:0 unstable:0",
                    " slab_reclaimable:\(c.slabReclaimable) slab_unreclaimable:\(c.slabUnreclaimable)",
                    " mapped:\(c.mapped) shmem:\(c.shmem) pagetables:\(c.pagetables) bounce:0",
                    " free:\(c.free) free_pcp:\(c.freePcp) free_cma:0"])
        case .linux6_1:
            printk(["active_anon:\(c.activeAnon) inactive_anon:\(c.inactiveAnon) isolated_anon:0",
                    " active_file:\(c.activeFile) inactive_file:\(c.inactiveFile) isolated_file:0",
                    " unevictable:0 dirty:0 writeback:0",
                    " slab_reclaimable:\(c.slabReclaimable) slab_unreclaimable:\(c.slabUnreclaimable)",
                    " mapped:\(c.mapped) shmem:\(c.shmem) pagetables:\(c.pagetables)",
                    " sec_pagetables:0 bounce:0",
                    " kernel_misc_reclaimable:0",
                    " free:\(c.free) free_pcp:\(c.freePcp) free_cma:0"])
        case .memcgV1, .memcgV2:
            break
        }

        // Per-node counters (4.8+).
        if era == .linux4_8 || era == .linux4_19 || era == .linux6_1 {
            for node in nodes(of: zones) {
                let nodeZones = zones.filter { $0.node == node }
                let u = nodeZones.map { ZoneUsage($0, pageSizeKB: p.pageSizeKB) }
                func sum(_ key: KeyPath<ZoneUsage, Int64>) -> Int64 { u.reduce(Int64(0)) { $0 + $1[keyPath: key] } }
                let unreclaimable = nodeZones.contains(where: \.allUnreclaimable) ? "yes" : "no"
                var text = "Node \(node ?? 0) active_anon:\(sum(\.activeAnon))kB "
                    + "inactive_anon:\(sum(\.inactiveAnon))kB "
                    + "active_file:\(sum(\.activeFile))kB inactive_file:\(sum(\.inactiveFile))kB unevictable:0kB "
                    + "isolated(anon):0kB isolated(file):0kB mapped:\(sum(\.mapped))kB dirty:0kB writeback:0kB "
                    + "shmem:\(sum(\.shmem))kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB "
                switch era {
                case .linux4_8:
                    text += "unstable:0kB pages_scanned:\(nodeZones.reduce(Int64(0)) { $0 + $1.pagesScanned }) "
                case .linux4_19:
                    text += "unstable:0kB "
                default:
                    text += "kernel_stack:\(sum(\.kernelStack))kB pagetables:\(sum(\.pagetables))kB sec_pagetables:0kB "
                }
                line(text + "all_unreclaimable? \(unreclaimable)")
            }
        }

        // Zone lines, each followed by its lowmem_reserve line.
        for z in zones {
            line(zoneLine(z, p))
            line("lowmem_reserve[]:" + z.lowmemReservePages.map { " \($0)" }.joined())
        }

        // Buddy lines.
        for z in zones {
            line(buddyLine(z, p))
        }

        // Hugepages (3.10+), page cache, swap, totals.
        if era == .linux3_10 || era == .linux4_8 || era == .linux4_19 || era == .linux6_1 {
            for node in nodes(of: zones) {
                if era == .linux6_1 {
                    line("Node \(node ?? 0) hugepages_total=0 hugepages_free=0 hugepages_surp=0 "
                        + "hugepages_size=1048576kB")
                }
                line("Node \(node ?? 0) hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB")
            }
        }
        let shared = p.ramPages / 97
        switch era {
        case .linux2_6_18:
            line("Swap cache: add \(p.swapCachePages * 3), delete \(p.swapCachePages * 2), "
                + "find \(p.swapCachePages)/\(p.swapCachePages * 2), race 0+0")
            line("Free swap  = \(p.swapFreeKB)kB")
            line("Total swap = \(p.swapTotalKB)kB")
            line("Free swap:       \(pad(p.swapFreeKB, 6))kB")
            line("\(p.ramPages) pages of RAM")
            line("\(p.reservedPages) reserved pages")
            line("\(shared) pages shared")
            line("\(p.swapCachePages) pages swap cached")
        case .linux2_6_19to31, .rhel6_2_6_32, .linux3_10:
            line("\(p.pageCachePages) total pagecache pages")
            line("\(p.swapCachePages) pages in swap cache")
            line("Swap cache stats: add \(p.swapCachePages * 3), delete \(p.swapCachePages * 2), "
                + "find \(p.swapCachePages)/\(p.swapCachePages * 2)")
            line("Free swap  = \(p.swapFreeKB)kB")
            line("Total swap = \(p.swapTotalKB)kB")
            line("\(p.ramPages) pages RAM")
            if zones.contains(where: { $0.name == "HighMem" }) { line("\(p.highMemPages) pages HighMem") }
            line("\(p.reservedPages) pages reserved")
            line("\(shared) pages shared")
            line("\(p.ramPages - p.reservedPages - shared) pages non-shared")
        case .linux4_8, .linux4_19, .linux6_1:
            line("\(p.pageCachePages) total pagecache pages")
            line("\(p.swapCachePages) pages in swap cache")
            if era != .linux6_1 {
                line("Swap cache stats: add \(p.swapCachePages * 3), delete \(p.swapCachePages * 2), "
                    + "find \(p.swapCachePages)/\(p.swapCachePages * 2)")
            }
            line("Free swap  = \(p.swapFreeKB)kB")
            line("Total swap = \(p.swapTotalKB)kB")
            line("\(p.ramPages) pages RAM")
            line("\(p.highMemPages) pages HighMem/MovableOnly")
            line("\(p.reservedPages) pages reserved")
            line("0 pages hwpoisoned")
        case .memcgV1, .memcgV2:
            break
        }
        return out
    }

    /// The distinct nodes of `zones`, in order.
    static func nodes(of zones: [SynthesizedZone]) -> [Int?] {
        var seen: [Int?] = []
        for z in zones where !seen.contains(z.node) { seen.append(z.node) }
        return seen
    }

    /// `[Node N ]<Zone> free:…kB min:…kB …` with the era's keys.
    static func zoneLine(_ z: SynthesizedZone, _ p: SynthesizedReportParameters) -> String {
        let u = ZoneUsage(z, pageSizeKB: p.pageSizeKB)
        let head = "\(nodePrefix(z.node))\(z.name) free:\(z.freeKB)kB"
        let marks = "min:\(z.minKB)kB low:\(z.lowKB)kB high:\(z.highKB)kB"
        let lru = "active_anon:\(u.activeAnon)kB inactive_anon:\(u.inactiveAnon)kB active_file:\(u.activeFile)kB "
            + "inactive_file:\(u.inactiveFile)kB unevictable:0kB"
        let unreclaimable = "all_unreclaimable? \(z.allUnreclaimable ? "yes" : "no")"
        switch p.era {
        case .linux2_6_18:
            return "\(head) \(marks) active:\(u.activeAnon + u.activeFile)kB "
                + "inactive:\(u.inactiveAnon + u.inactiveFile)kB "
                + "present:\(z.presentKB)kB pages_scanned:\(z.pagesScanned) \(unreclaimable)"
        case .linux2_6_19to31:
            return "\(head) \(marks) \(lru) present:\(z.presentKB)kB pages_scanned:\(z.pagesScanned) \(unreclaimable)"
        case .rhel6_2_6_32, .linux3_10:
            let managed = p.era == .linux3_10 ? " managed:\(z.managedKB)kB" : ""
            let cma = p.era == .linux3_10 ? " free_cma:0kB" : ""
            return "\(head) \(marks) \(lru) isolated(anon):0kB isolated(file):0kB present:\(z.presentKB)kB\(managed) "
                + "mlocked:0kB dirty:0kB writeback:0kB mapped:\(u.mapped)kB shmem:\(u.shmem)kB "
                + "slab_reclaimable:\(u.slabReclaimable)kB slab_unreclaimable:\(u.slabUnreclaimable)kB "
                + "kernel_stack:\(u.kernelStack)kB pagetables:\(u.pagetables)kB unstable:0kB bounce:0kB\(cma) "
                + "writeback_tmp:0kB pages_scanned:\(z.pagesScanned) \(unreclaimable)"
        case .linux4_8:
            return "\(head) \(marks) \(lru) writepending:0kB present:\(z.presentKB)kB managed:\(z.managedKB)kB "
                + "mlocked:0kB slab_reclaimable:\(u.slabReclaimable)kB slab_unreclaimable:\(u.slabUnreclaimable)kB "
                + "kernel_stack:\(u.kernelStack)kB pagetables:\(u.pagetables)kB bounce:0kB free_pcp:\(u.freePcp)kB "
                + "local_pcp:\(u.freePcp / 2)kB free_cma:0kB"
        case .linux4_19:
            return "\(head) \(marks) \(lru) writepending:0kB present:\(z.presentKB)kB managed:\(z.managedKB)kB "
                + "mlocked:0kB kernel_stack:\(u.kernelStack)kB pagetables:\(u.pagetables)kB bounce:0kB "
                + "free_pcp:\(u.freePcp)kB local_pcp:\(u.freePcp / 2)kB free_cma:0kB"
        case .linux6_1, .memcgV1, .memcgV2:
            return "\(head) boost:0kB \(marks) reserved_highatomic:0KB \(lru) writepending:0kB "
                + "present:\(z.presentKB)kB managed:\(z.managedKB)kB mlocked:0kB bounce:0kB "
                + "free_pcp:\(u.freePcp)kB local_pcp:\(u.freePcp / 2)kB free_cma:0kB"
        }
    }

    /// `[Node N ]<Zone>: <count>*<size>kB[ (<letters>)] … = <total>kB`, or `<Zone>: empty` (2.6.18).
    static func buddyLine(_ z: SynthesizedZone, _ p: SynthesizedReportParameters) -> String {
        let head = "\(nodePrefix(z.node))\(z.name): "
        guard z.isPopulated, !z.freeBlocks.isEmpty else { return head + "empty" }
        var parts: [String] = []
        for (order, count) in z.freeBlocks.enumerated() {
            var part = "\(count)*\(p.pageSizeKB << Int64(order))kB"
            if p.era.printsMigrateTypes, count > 0, order < z.migrateTypes.count, let letters = z.migrateTypes[order] {
                part += " (\(letters))"
            }
            parts.append(part)
        }
        return head + parts.joined(separator: " ") + " = \(z.buddyTotalKB(pageSizeKB: p.pageSizeKB))kB"
    }
}
