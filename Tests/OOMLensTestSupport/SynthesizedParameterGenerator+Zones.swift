/// Zone layouts, watermarks, lowmem reserves and free-area counts for the generator.
extension SynthesizedParameterGenerator {
    /// One zone before its free memory is chosen.
    private struct ZonePlan {
        var node: Int?
        var name: String
        var presentKB: Int64
        var managedKB: Int64
    }

    /// Zones in print order for `era`: 32-bit DMA/Normal/HighMem or 64-bit DMA/DMA32/Normal, on one or two nodes.
    mutating func makeZones(era: SynthesizedKernelEra, twoNodes: Bool, fragmentedOrder: Int) -> [SynthesizedZone] {
        let pageKB: Int64 = 4
        let thirtyTwoBit = era == .linux2_6_19to31 || (era == .linux3_10 && random.chance(50))
        var plans: [ZonePlan] = []
        // The zone types the kernel is built with, in index order: lowmem_reserve has one entry per type.
        let types: [String]
        func plan(_ node: Int?, _ name: String, _ present: Int64) {
            let reserved = name == "DMA" ? random.int64(in: 21...160) * pageKB : present / 64 / pageKB * pageKB
            plans.append(ZonePlan(node: node, name: name, presentKB: present, managedKB: max(0, present - reserved)))
        }
        if thirtyTwoBit {
            types = ["DMA", "Normal", "HighMem", "Movable"]
            let ramMB = Int64(random.pick([1024, 2048, 3072, 4096]))
            plan(nil, "DMA", 15_804)
            plan(nil, "Normal", 892_920)
            plan(nil, "HighMem", ramMB * 1024 - 15_804 - 892_920 - random.int64(in: 0...64) * 1024)
        } else if era == .linux2_6_18 {
            types = ["DMA", "DMA32", "Normal", "HighMem"]
            let ramGB = Int64(random.pick([2, 3, 4, 8]))
            plan(0, "DMA", 8_780)
            let dma32 = min(ramGB * 1_048_576, 3_670_016) - 8_780
            plan(0, "DMA32", dma32)
            plan(0, "Normal", ramGB > 4 ? ramGB * 1_048_576 - 4_194_304 : 0)
            plan(0, "HighMem", 0)
        } else {
            let withDevice = [.linux4_8, .linux4_19, .linux6_1].contains(era)
            types = withDevice ? ["DMA", "DMA32", "Normal", "Movable", "Device"] : ["DMA", "DMA32", "Normal", "Movable"]
            let ramGB = Int64(random.pick(twoNodes ? [16, 32, 64] : [2, 4, 8, 16, 32]))
            let perNode = twoNodes ? ramGB * 1_048_576 / 2 : ramGB * 1_048_576
            plan(0, "DMA", 15_992)
            let dma32 = min(perNode, 3_653_632) - 15_992
            plan(0, "DMA32", dma32)
            if perNode > 3_653_632 { plan(0, "Normal", perNode - 3_653_632 + 524_288) }
            if twoNodes { plan(1, "Normal", perNode) }
        }

        // Watermarks: min_free_kbytes = sqrt(lowmem kB × 16), shared by managed size; HighMem gets a token min.
        let lowmemKB = plans.filter { $0.name != "HighMem" }.reduce(Int64(0)) { $0 + $1.managedKB }
        var minFree = Int64(Double(lowmemKB * 16).squareRoot())
        minFree = min(max(minFree, 128), 65_536)
        let highestIndex = plans.map { types.firstIndex(of: $0.name) ?? 0 }.max() ?? 0

        var zones: [SynthesizedZone] = []
        for p in plans {
            let index = types.firstIndex(of: p.name) ?? 0
            var minKB: Int64
            if p.name == "HighMem" {
                minKB = min(max(p.managedKB / 1024, 128), 512) / pageKB * pageKB
            } else {
                minKB = max(pageKB, minFree * p.managedKB / max(1, lowmemKB) / pageKB * pageKB)
            }
            if p.presentKB == 0 { minKB = 0 }
            let quarter = minKB == 0 ? 0 : max(pageKB, minKB / 4 / pageKB * pageKB)
            let lowKB = minKB + quarter
            let highKB = lowKB + quarter
            let reserve = lowmemReserve(for: p, index: index, types: types, plans: plans, era: era)
            // Free memory: the zones an allocation would use sit at or under min + reserve; HighMem can be
            // full of free pages (the 32-bit lowmem case); DMA keeps its few MB.
            let freePages: Int64
            if p.presentKB == 0 {
                freePages = 0
            } else if p.name == "HighMem" {
                freePages = random.int64(in: (p.managedKB / 40)...(p.managedKB / 2)) / pageKB
            } else if p.name == "DMA" {
                freePages = min(p.managedKB, random.int64(in: 3_000...15_000)) / pageKB
            } else {
                let classReserve = p.name == "DMA32" && reserve.count > highestIndex ? reserve[highestIndex] : 0
                freePages = max(1, (minKB / pageKB) * Int64(random.int(in: 70...100)) / 100 + classReserve / 3)
            }
            let blocks = freePages == 0 ? [] : freeBlocks(freePages, highestFreeOrder: fragmentedOrder > 0
                                                          && p.name != "DMA" ? fragmentedOrder - 1 : 10)
            let total = blocks.enumerated().reduce(Int64(0)) { $0 + $1.element * (pageKB << Int64($1.offset)) }
            let snapshotDrift = random.chance(25) ? random.int64(in: -6...6) * pageKB : 0
            let unreclaimable = p.presentKB > 0 && p.name != "HighMem" && random.chance(60)
            zones.append(SynthesizedZone(
                node: p.node, name: p.name, freeKB: max(0, total + snapshotDrift), minKB: minKB, lowKB: lowKB,
                highKB: highKB, presentKB: p.presentKB, managedKB: p.managedKB, lowmemReservePages: reserve,
                freeBlocks: blocks, migrateTypes: migrateTypes(for: blocks, era: era), allUnreclaimable: unreclaimable,
                pagesScanned: unreclaimable ? random.int64(in: 100_000...3_000_000)
                    : (p.presentKB == 0 ? 0 : random.int64(in: 0...900))))
        }
        return zones
    }

    /// Entry j: pages of this zone kept back from allocations whose highest zone is j: the managed pages
    /// (present before 3.8) of the same node's zones above it, up to j, over the zone's ratio (256 or 32).
    private func lowmemReserve(for zone: ZonePlan, index: Int, types: [String], plans: [ZonePlan],
                               era: SynthesizedKernelEra) -> [Int64] {
        let ratio: Int64 = zone.name == "DMA" || zone.name == "DMA32" ? 256 : 32
        let usesManaged = era.zoneLineHasManaged
        return types.indices.map { j -> Int64 in
            guard j > index else { return 0 }
            var pages: Int64 = 0
            for k in (index + 1)...j {
                for other in plans where other.node == zone.node && other.name == types[k] {
                    pages += (usesManaged ? other.managedKB : other.presentKB) / 4
                }
            }
            return pages / ratio
        }
    }

    /// Free blocks per order (11 orders) adding up to `freePages`, none above `highestFreeOrder`.
    private mutating func freeBlocks(_ freePages: Int64, highestFreeOrder: Int) -> [Int64] {
        var counts = [Int64](repeating: 0, count: 11)
        var remaining = freePages
        for order in stride(from: min(10, highestFreeOrder), through: 1, by: -1) {
            let size = Int64(1) << Int64(order)
            let most = remaining / size
            guard most > 0 else { continue }
            let take = random.int64(in: 0...most) / Int64(random.int(in: 1...3))
            counts[order] = take
            remaining -= take * size
        }
        counts[0] = remaining
        return counts
    }

    /// Letters for every non-empty order, as a set of the era's types in the kernel's order.
    private mutating func migrateTypes(for blocks: [Int64], era: SynthesizedKernelEra) -> [String?] {
        guard era.printsMigrateTypes else { return [] }
        let letters = era.migrateTypeLetters
        return blocks.enumerated().map { order, count in
            guard count > 0 else { return nil }
            var chosen: [Character] = []
            for letter in letters.prefix(3) where random.chance(55) { chosen.append(letter) }
            if order >= 5, random.chance(20) { chosen.append(letters[3]) }
            if chosen.isEmpty { chosen.append(random.pick(Array(letters.prefix(3)))) }
            let ordered = letters.filter(chosen.contains)
            return String(ordered)
        }
    }
}
