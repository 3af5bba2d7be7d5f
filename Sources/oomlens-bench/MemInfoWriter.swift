/// Writes the `Mem-Info:` block of a global OOM (docs `kernel-oom-report-format.md` §4) for an x86_64 host
/// with DMA, DMA32 and Normal zones, in the format of the host's kernel, with figures that fit together:
/// the Normal zone is below its min watermark, buddy lines add up to their totals, and the counters match the
/// task table.
enum MemInfoWriter {
    /// One populated zone's sizes and state, in kB.
    private struct Zone {
        var name: StaticString
        var presentKB: Int
        var managedKB: Int
        var minKB = 0
        var freeKB = 0
        /// Share of the node's anon and file pages that live in this zone (none in DMA).
        var pageShare = 0.0
        var buddyCounts: [Int] = []
    }

    private static let migrateTypeLetters: [StaticString] = ["(M)", "(UM)", "(UME)", "(ME)", "(U)", "(UE)", "(E)",
                                                             "(UMH)", "(H)", "(M)", "(UM)"]

    static func append(to block: inout KernelMessageBlock, host: HostProfile, tasks: [TaskRow],
                       random: inout SeededRandom)
    {
        let kernel = host.kernel
        let ramKB = host.memoryGiB * 1_048_576
        var zones = [
            Zone(name: "DMA", presentKB: 15_992, managedKB: 15_360),
            Zone(name: "DMA32", presentKB: 3_129_216, managedKB: 3_129_216 - 65_536 - random.below(2_000) * 4),
            Zone(name: "Normal", presentKB: ramKB - 3_145_728, managedKB: 0),
        ]
        zones[2].managedKB = zones[2].presentKB - zones[2].presentKB / 50 - random.below(4_000) * 4
        let managedTotal = zones.reduce(0) { $0 + $1.managedKB }
        let minFreeKB = max(squareRoot(managedTotal * 16), 67_584)
        for index in zones.indices {
            zones[index].minKB = max(minFreeKB * zones[index].managedKB / managedTotal / 4, 8) * 4
            zones[index].pageShare = index == 0 ? 0 : Double(zones[index].managedKB) / Double(managedTotal)
        }
        // Normal is below min, DMA32 near min, DMA kept back by lowmem_reserve.
        zones[0].buddyCounts = buddy(totalKB: random.inRange(3_300...3_840) * 4, highestOrder: 10, random: &random)
        zones[1].buddyCounts = buddy(totalKB: zones[1].minKB * random.inRange(90...140) / 100 / 4 * 4,
                                     highestOrder: 10, random: &random)
        zones[2].buddyCounts = buddy(totalKB: zones[2].minKB * random.inRange(90...99) / 100 / 4 * 4,
                                     highestOrder: random.inRange(2...6), random: &random)
        for index in zones.indices {
            let buddyTotal = buddyTotalKB(zones[index].buddyCounts)
            zones[index].freeKB = max(0, buddyTotal + random.inRange(-40...40) * 4)
        }

        // Global counters, in pages.
        let anonPages = tasks.reduce(0) { $0 + $1.residentAnonPages } * random.inRange(100...104) / 100
        let activeAnon = anonPages * random.inRange(10...60) / 100
        let inactiveAnon = anonPages - activeAnon
        let activeFile = random.inRange(20...3_000)
        let inactiveFile = random.inRange(50...4_000)
        let isolatedFile = random.below(40)
        let unevictable = random.below(8_000)
        let dirty = random.below(300)
        let writeback = random.below(40)
        let ramPages = ramKB / 4
        let slabReclaimable = ramPages * random.inRange(5...30) / 1000
        let slabUnreclaimable = ramPages * random.inRange(5...20) / 1000
        let mapped = random.inRange(500...20_000)
        let shmem = random.inRange(100...30_000)
        let pageTables = tasks.reduce(0) { $0 + $1.pageTableBytes } / 4096 * 11 / 10
        let kernelStackKB = random.inRange(4_000...20_000) / 4 * 4
        let freePages = zones.reduce(0) { $0 + $1.freeKB } / 4
        let freePCP = random.below(600)

        block.line("Mem-Info:")
        block.line { text in
            text.append("active_anon:"); text.appendDecimal(activeAnon)
            text.append(" inactive_anon:"); text.appendDecimal(inactiveAnon)
            text.append(" isolated_anon:0")
        }
        block.continuation { text in
            text.append(" active_file:"); text.appendDecimal(activeFile)
            text.append(" inactive_file:"); text.appendDecimal(inactiveFile)
            text.append(" isolated_file:"); text.appendDecimal(isolatedFile)
        }
        block.continuation { text in
            text.append(" unevictable:"); text.appendDecimal(unevictable)
            text.append(" dirty:"); text.appendDecimal(dirty)
            text.append(" writeback:"); text.appendDecimal(writeback)
            if kernel.countersHaveUnstable { text.append(" unstable:0") }
        }
        block.continuation { text in
            text.append(" slab_reclaimable:"); text.appendDecimal(slabReclaimable)
            text.append(" slab_unreclaimable:"); text.appendDecimal(slabUnreclaimable)
        }
        block.continuation { text in
            text.append(" mapped:"); text.appendDecimal(mapped)
            text.append(" shmem:"); text.appendDecimal(shmem)
            text.append(" pagetables:"); text.appendDecimal(pageTables)
            if !kernel.hasSecondaryPagetables { text.append(" bounce:0") }
        }
        if kernel.hasSecondaryPagetables { block.continuation { $0.append(" sec_pagetables:0 bounce:0") } }
        if kernel.countersHaveKernelMiscReclaimable { block.continuation { $0.append(" kernel_misc_reclaimable:0") } }
        block.continuation { text in
            text.append(" free:"); text.appendDecimal(freePages)
            text.append(" free_pcp:"); text.appendDecimal(freePCP)
            text.append(" free_cma:0")
        }

        let allUnreclaimable = random.chance(0.3)
        block.line { text in
            text.append("Node 0 active_anon:"); text.appendDecimal(activeAnon * 4)
            text.append("kB inactive_anon:"); text.appendDecimal(inactiveAnon * 4)
            text.append("kB active_file:"); text.appendDecimal(activeFile * 4)
            text.append("kB inactive_file:"); text.appendDecimal(inactiveFile * 4)
            text.append("kB unevictable:"); text.appendDecimal(unevictable * 4)
            text.append("kB isolated(anon):0kB isolated(file):"); text.appendDecimal(isolatedFile * 4)
            text.append("kB mapped:"); text.appendDecimal(mapped * 4)
            text.append("kB dirty:"); text.appendDecimal(dirty * 4)
            text.append("kB writeback:"); text.appendDecimal(writeback * 4)
            text.append("kB shmem:"); text.appendDecimal(shmem * 4)
            text.append("kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: ")
            text.appendDecimal(random.below(600) * 2048)
            text.append("kB writeback_tmp:0kB")
            if kernel.countersHaveUnstable { text.append(" unstable:0kB") }
            if !kernel.zoneLineHasKernelStack {
                text.append(" kernel_stack:"); text.appendDecimal(kernelStackKB)
                text.append("kB pagetables:"); text.appendDecimal(pageTables * 4)
                text.append("kB")
                if kernel.hasSecondaryPagetables { text.append(" sec_pagetables:0kB") }
            }
            text.append(allUnreclaimable ? " all_unreclaimable? yes" : " all_unreclaimable? no")
        }

        let managedPages = zones.map { $0.managedKB / 4 }
        for (index, zone) in zones.enumerated() {
            // Per-zone shares of the node's pages, printed in kB (always whole pages).
            func share(_ pages: Int) -> Int { Int(Double(pages) * zone.pageShare) * 4 }
            let zoneAnon = share(anonPages)
            let zoneActiveAnon = share(activeAnon)
            block.line { text in
                text.append("Node 0 "); text.append(zone.name)
                text.append(" free:"); text.appendDecimal(zone.freeKB)
                text.append("kB")
                if kernel.zoneLineHasBoost {
                    text.append(" boost:")
                    text.appendDecimal(index == 2 && random.chance(0.1) ? 8192 : 0)
                    text.append("kB")
                }
                let minPages = zone.minKB / 4
                text.append(" min:"); text.appendDecimal(zone.minKB)
                text.append("kB low:"); text.appendDecimal((minPages + minPages / 4) * 4)
                text.append("kB high:"); text.appendDecimal((minPages + minPages / 2) * 4)
                text.append("kB")
                if kernel.zoneLineHasReservedHighatomic { text.append(" reserved_highatomic:0KB") }
                text.append(" active_anon:"); text.appendDecimal(zoneActiveAnon)
                text.append("kB inactive_anon:"); text.appendDecimal(zoneAnon - zoneActiveAnon)
                text.append("kB active_file:"); text.appendDecimal(share(activeFile))
                text.append("kB inactive_file:"); text.appendDecimal(share(inactiveFile))
                text.append("kB unevictable:"); text.appendDecimal(share(unevictable))
                text.append("kB writepending:"); text.appendDecimal(share(dirty + writeback))
                text.append("kB present:"); text.appendDecimal(zone.presentKB)
                text.append("kB managed:"); text.appendDecimal(zone.managedKB)
                text.append("kB mlocked:0kB")
                if kernel.zoneLineHasKernelStack {
                    text.append(" kernel_stack:"); text.appendDecimal(share(kernelStackKB / 4))
                    text.append("kB pagetables:"); text.appendDecimal(share(pageTables))
                    text.append("kB")
                }
                let pcp = share(freePCP)
                text.append(" bounce:0kB free_pcp:"); text.appendDecimal(pcp)
                text.append("kB local_pcp:"); text.appendDecimal(pcp / 8 * 4)
                text.append("kB free_cma:0kB")
            }
            block.line { text in
                text.append("lowmem_reserve[]:")
                for column in 0..<5 {
                    var reserve = 0
                    if column > index && index < 2 {
                        let above = managedPages[(index + 1)...min(column, 2)].reduce(0, +)
                        reserve = above / 256
                    }
                    text.append(" ")
                    text.appendDecimal(reserve)
                }
            }
        }
        for zone in zones {
            block.line { text in
                text.append("Node 0 "); text.append(zone.name); text.append(":")
                for (order, count) in zone.buddyCounts.enumerated() {
                    text.append(" ")
                    text.appendDecimal(count)
                    text.append("*")
                    text.appendDecimal(4 << order)
                    text.append("kB")
                    if count > 0 {
                        text.append(" ")
                        text.append(random.pick(migrateTypeLetters))
                    }
                }
                text.append(" = ")
                text.appendDecimal(buddyTotalKB(zone.buddyCounts))
                text.append("kB")
            }
        }
        block.line("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB")
        block.line("Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB")
        let swapCache = host.swapKB > 0 ? random.below(3_000) : 0
        block.line { text in
            text.appendDecimal(activeFile + inactiveFile + shmem + swapCache)
            text.append(" total pagecache pages")
        }
        block.line { text in
            text.appendDecimal(swapCache)
            text.append(" pages in swap cache")
        }
        if kernel.printsSwapCacheStats {
            block.line { text in
                let added = host.swapKB > 0 ? random.inRange(10_000...9_000_000) : 0
                let deleted = added > 0 ? added - random.below(min(added, 3_000)) : 0
                text.append("Swap cache stats: add "); text.appendDecimal(added)
                text.append(", delete "); text.appendDecimal(deleted)
                text.append(", find "); text.appendDecimal(added / 3)
                text.append("/"); text.appendDecimal(added / 2)
            }
        }
        block.line { text in
            text.append("Free swap  = ")
            text.appendDecimal(host.swapKB > 0 ? host.swapKB * random.below(3) / 100 / 4 * 4 : 0)
            text.append("kB")
        }
        block.line { text in
            text.append("Total swap = ")
            text.appendDecimal(host.swapKB)
            text.append("kB")
        }
        let presentPages = zones.reduce(0) { $0 + $1.presentKB } / 4
        block.line { text in
            text.appendDecimal(presentPages)
            text.append(" pages RAM")
        }
        block.line("0 pages HighMem/MovableOnly")
        block.line { text in
            text.appendDecimal(presentPages - managedPages.reduce(0, +))
            text.append(" pages reserved")
        }
        block.line("0 pages cma reserved")
        block.line("0 pages hwpoisoned")
    }

    /// Free blocks per order (0…10) adding up to exactly `totalKB` (a multiple of 4), none above `highestOrder`.
    private static func buddy(totalKB: Int, highestOrder: Int, random: inout SeededRandom) -> [Int] {
        var counts = [Int](repeating: 0, count: 11)
        var remaining = totalKB
        for order in stride(from: highestOrder, through: 1, by: -1) {
            let size = 4 << order
            counts[order] = random.below(remaining / size / 3 + 1)
            remaining -= counts[order] * size
        }
        counts[0] = remaining / 4
        return counts
    }

    private static func buddyTotalKB(_ counts: [Int]) -> Int {
        counts.enumerated().reduce(0) { $0 + $1.element * (4 << $1.offset) }
    }

    private static func squareRoot(_ value: Int) -> Int {
        Int(Double(value).squareRoot())
    }
}
