import OOMLensSinkAPI
@testable import OOMLensStages
import Testing

/// Every branch of the watermark test (kernel-oom-report-format.md §8.1) and of the zonelist walk around it.
struct DiagnosisWatermarkTests {
    typealias W = ZoneWatermarkCheck

    func input(free: Int64, min: Int64, high: Int64? = nil, reserve: Int64 = 0, order: Int = 0,
               counts: [Int64] = [], types: [String?]? = nil, rules: W.Rules = .classic,
               flags: W.Flags = W.Flags()) -> W.Input {
        var i = W.Input(freePages: free, minPages: min, highPages: high, reservePages: reserve, order: order)
        i.counts = counts
        i.types = types
        i.rules = rules
        i.flags = flags
        return i
    }

    // MARK: order 0

    @Test func belowMinWhenFreeIsNotAboveMin() {
        // The seed's Normal zone: 889 free pages against min 918.
        let r = W.evaluate(input(free: 889, min: 918, high: 1377))
        #expect(r.verdict == .belowMin && r.usableFreePages == 889 && r.effectiveMinPages == 918)
        // Equal is a failure too (`free <= min + reserve`).
        #expect(W.evaluate(input(free: 918, min: 918)).verdict == .belowMin)
    }

    @Test func belowReserveWhenOnlyTheLowmemReserveIsMissing() {
        // The seed's DMA zone: 847 free pages, min 16, lowmem_reserve[Normal] 839.
        let r = W.evaluate(input(free: 847, min: 16, high: 24, reserve: 839))
        #expect(r.verdict == .belowReserve)
        #expect(W.evaluate(input(free: 856, min: 16, high: 24, reserve: 839)).verdict == .belowHigh)
        #expect(W.evaluate(input(free: 864, min: 16, high: 24, reserve: 839)).verdict == .ok)
    }

    @Test func belowHighWhenMinPassesButTheLastAttemptsHighWatermarkFails() {
        let r = W.evaluate(input(free: 12_359, min: 11_361, high: 17_041))
        #expect(r.verdict == .belowHigh)
        #expect(W.evaluate(input(free: 17_042, min: 11_361, high: 17_041)).verdict == .ok)
        // Without a high watermark printed the zone passes once min passes.
        #expect(W.evaluate(input(free: 12_359, min: 11_361)).verdict == .ok)
    }

    // MARK: flag variants

    @Test func classicAllocHighHalvesAndAllocHarderTakesAQuarter() {
        #expect(W.evaluate(input(free: 600, min: 1000)).verdict == .belowMin)
        let high = W.evaluate(input(free: 600, min: 1000, flags: W.Flags(high: true)))
        #expect(high.effectiveMinPages == 500 && high.verdict == .ok)
        let harder = W.evaluate(input(free: 600, min: 1000, flags: W.Flags(harder: true)))
        #expect(harder.effectiveMinPages == 750 && harder.verdict == .belowMin)
        let both = W.evaluate(input(free: 400, min: 1000, flags: W.Flags(high: true, harder: true)))
        #expect(both.effectiveMinPages == 375 && both.verdict == .ok)
    }

    @Test func migrateTypeRulesLetAnOOMVictimTakeHalfInsteadOfAQuarter() {
        let harder = W.evaluate(input(free: 600, min: 1000, rules: .migrateTypes, flags: W.Flags(harder: true)))
        #expect(harder.effectiveMinPages == 750)
        let victim = W.evaluate(input(free: 600, min: 1000, rules: .migrateTypes,
                                      flags: W.Flags(harder: true, oomVictim: true)))
        #expect(victim.effectiveMinPages == 500 && victim.verdict == .ok)
        let high = W.evaluate(input(free: 600, min: 1000, rules: .migrateTypes, flags: W.Flags(high: true)))
        #expect(high.effectiveMinPages == 500)
    }

    @Test func reserveRulesOfSixThree() {
        // ALLOC_NON_BLOCK alone lowers nothing; with ALLOC_MIN_RESERVE it takes a further quarter.
        #expect(W.evaluate(input(free: 600, min: 1000, rules: .reserves, flags: W.Flags(harder: true)))
            .effectiveMinPages == 1000)
        #expect(W.evaluate(input(free: 600, min: 1000, rules: .reserves, flags: W.Flags(high: true)))
            .effectiveMinPages == 500)
        #expect(W.evaluate(input(free: 600, min: 1000, rules: .reserves, flags: W.Flags(high: true, harder: true)))
            .effectiveMinPages == 375)
        #expect(W.evaluate(input(free: 600, min: 1000, rules: .reserves, flags: W.Flags(oomVictim: true)))
            .effectiveMinPages == 500)
        #expect(W.evaluate(input(free: 600, min: 1000, rules: .reserves,
                                 flags: W.Flags(high: true, harder: true, oomVictim: true))).effectiveMinPages == 188)
    }

    @Test func highAtomicAndCMAPagesAreNotUsableUnlessAllowed() {
        var i = input(free: 1200, min: 1000, rules: .migrateTypes)
        i.highAtomicPages = 300
        #expect(W.evaluate(i).usableFreePages == 900 && W.evaluate(i).verdict == .belowMin)
        i.flags.harder = true
        #expect(W.evaluate(i).usableFreePages == 1200)
        // Up to 4.3 the high-atomic reserve does not exist.
        i.rules = .classic
        i.flags.harder = false
        #expect(W.evaluate(i).usableFreePages == 1200)
        // Free CMA pages count only for movable allocations (ALLOC_CMA).
        var c = input(free: 1200, min: 1000, rules: .migrateTypes)
        c.freeCMAPages = 400
        #expect(W.evaluate(c).verdict == .belowMin)
        c.flags.cma = true
        #expect(W.evaluate(c).verdict == .ok)
    }

    // MARK: order > 0

    @Test func theRequestsOwnPagesAreTakenAwayFirst() {
        // order 2: free − (4 − 1).
        let r = W.evaluate(input(free: 1002, min: 1000, order: 2, counts: [0, 0, 300]))
        #expect(r.usableFreePages == 999 && r.verdict == .belowMin)
    }

    @Test func classicOrderLoopFailsWhenTheSmallBlocksAreTakenAway() {
        // 2000 free pages, nearly all as order-0 blocks; an order-2 request: 1997 − 1800 = 197 ≤ 800 / 2.
        let r = W.evaluate(input(free: 2000, min: 800, order: 2, counts: [1800, 50, 0, 0]))
        #expect(r.verdict == .fragmented)
        #expect(r.failedAtOrder == 0 && r.remainingPages == 197 && r.halvedMinPages == 400)
        // Fails one order later: the order-0 blocks leave enough, the order-1 blocks do not.
        let later = W.evaluate(input(free: 2000, min: 800, order: 2, counts: [400, 700, 50, 0]))
        #expect(later.verdict == .fragmented && later.failedAtOrder == 1)
        // Enough in blocks of order 2 and up: the loop passes.
        let ok = W.evaluate(input(free: 2000, min: 800, order: 2, counts: [100, 100, 400]))
        #expect(ok.verdict == .ok && ok.freeAtOrderPages == 1600)
    }

    @Test func migrateTypeSearchNeedsABlockOnAListTheCallerMayUse() {
        let counts: [Int64] = [500, 200, 0, 3]
        func verdict(_ types: [String?]?, flags: W.Flags = W.Flags()) -> W.Verdict {
            W.evaluate(input(free: 1100, min: 500, order: 2, counts: counts, types: types, rules: .migrateTypes,
                             flags: flags)).verdict
        }
        #expect(verdict([nil, nil, nil, "M"]) == .ok)
        #expect(verdict([nil, nil, nil, "UE"]) == .ok)
        // Only the high-atomic reserve: usable by atomic callers, not by others.
        #expect(verdict([nil, nil, nil, "H"]) == .fragmented)
        #expect(verdict([nil, nil, nil, "H"], flags: W.Flags(harder: true)) == .ok)
        // Only CMA: usable by movable allocations.
        #expect(verdict([nil, nil, nil, "C"]) == .fragmented)
        #expect(verdict([nil, nil, nil, "C"], flags: W.Flags(cma: true)) == .ok)
        // Isolated blocks never count.
        #expect(verdict([nil, nil, nil, "I"]) == .fragmented)
        // Without letters any free block counts; without blocks at the order nothing does.
        #expect(verdict(nil) == .ok)
        #expect(W.evaluate(input(free: 1100, min: 500, order: 2, counts: [500, 300, 0, 0],
                                 rules: .migrateTypes)).verdict == .fragmented)
        // An order-0 request never looks at the blocks.
        #expect(W.evaluate(input(free: 1100, min: 500, order: 0, counts: [1100], types: ["I"],
                                 rules: .migrateTypes)).verdict == .ok)
    }

    @Test func freeBlockOfOrderOrHigher() {
        #expect(W.hasFreeBlock(counts: [1231, 391, 456, 342, 141, 23, 0, 0], order: 5))
        #expect(!W.hasFreeBlock(counts: [1231, 391, 456, 342, 141, 23, 0, 0], order: 6))
        #expect(!W.hasFreeBlock(counts: [], order: 0))
    }

    // MARK: zone layout and walk

    @Test func zoneLayoutFollowsTheListedZonesAndTheReserveColumns() {
        func zones(_ names: [String], columns: Int) -> [OOMEvent.Zone] {
            names.map {
                var z = OOMEvent.Zone(node: nil, zone: $0)
                z.lowmem_reserve_pages = Array(repeating: 0, count: columns)
                return z
            }
        }
        #expect(ZoneLayout(zones: zones(["DMA", "Normal", "HighMem"], columns: 4), era: nil).types
            == ["DMA", "Normal", "HighMem", "Movable"])
        #expect(ZoneLayout(zones: zones(["DMA", "DMA32", "Normal", "HighMem"], columns: 4), era: nil).types
            == ["DMA", "DMA32", "Normal", "HighMem"])
        #expect(ZoneLayout(zones: zones(["DMA", "DMA32", "Normal"], columns: 5), era: nil).types
            == ["DMA", "DMA32", "Normal", "Movable", "Device"])
        #expect(ZoneLayout(zones: zones(["DMA", "DMA32"], columns: 4), era: nil).types
            == ["DMA", "DMA32", "Normal", "Movable"])
        #expect(ZoneLayout(zones: zones(["Normal"], columns: 2), era: nil).types == ["Normal", "Movable"])
        #expect(ZoneLayout(zones: zones(["DMA", "Normal"], columns: 4), era: "2.6.18").types
            == ["DMA", "DMA32", "Normal", "HighMem"])
        let layout = ZoneLayout(types: ["DMA", "DMA32", "Normal", "Movable"])
        #expect(layout.classIndex(forHighestZone: "HighMem") == 2)
        #expect(layout.classIndex(forHighestZone: "Movable") == 3)
        #expect(ZoneLayout(types: ["DMA", "DMA32", "Normal", "HighMem"]).classIndex(forHighestZone: "Movable") == 3)
    }

    @Test func nodeLists() {
        #expect(ZonelistWalk.parseNodeList("0") == [0])
        #expect(ZonelistWalk.parseNodeList("0-1,3") == [0, 1, 3])
        #expect(ZonelistWalk.parseNodeList("(null)") == nil)
        #expect(ZonelistWalk.parseNodeList("x") == nil)
        #expect(ZonelistWalk.parseNodeList(nil) == nil)
    }

    /// A zone line with its reserve line and buddy counts.
    func zone(_ node: Int?, _ name: String, free: Int64, min: Int64, high: Int64, reserve: [Int64],
              counts: [Int64] = [], present: Int64 = 1_000_000) -> OOMEvent.Zone {
        var z = OOMEvent.Zone(node: node, zone: name)
        z.free_kb = free
        z.min_kb = min
        z.low_kb = min + (high - min) / 2
        z.high_kb = high
        z.present_kb = present
        z.managed_kb = present
        z.lowmem_reserve_pages = reserve
        if !counts.isEmpty { z.buddy = OOMEvent.Buddy(page_kb: 4, counts: counts, types: nil, total_kb: free) }
        return z
    }

    @Test func walkGoesNodeByNodeFromTheHighestAllowedZoneDownAndReportsTheRest() {
        var e = OOMEvent(id: "w", kind: .oom, complete: true, source: .init(path: "-", first_line: 1, last_line: 1))
        e.zones = [
            zone(0, "DMA", free: 15872, min: 40, high: 60, reserve: [0, 2780, 15835, 15835]),
            zone(0, "DMA32", free: 59728, min: 7832, high: 11748, reserve: [0, 0, 3055, 3055]),
            zone(0, "Normal", free: 36692, min: 36784, high: 55176, reserve: [0, 0, 0, 0]),
            zone(1, "Normal", free: 900_000, min: 45444, high: 68164, reserve: [0, 0, 0, 0]),
            zone(1, "Movable", free: 0, min: 0, high: 0, reserve: [0, 0, 0, 0], present: 0),
        ]
        let walk = ZonelistWalk(layout: ZoneLayout(zones: e.zones, era: nil), highestZone: "Normal",
                                allowedNodes: [0], order: 0, flags: .init(), rules: .classic, pageKB: 4)
        let checks = walk.checks(e)
        #expect(checks.map { "\($0.node!) \($0.zone)" } == ["0 Normal", "0 DMA32", "0 DMA", "1 Normal"])
        #expect(checks.map(\.verdict) == ["below-min", "ok", "below-reserve", "not-allowed"])
        #expect(checks[1].passed && !checks[0].passed && checks[3].allowed == false)
        #expect(checks[2].reserve_pages == 15835 && checks[2].classzone == "Normal")
        #expect(checks[3].reason.contains("node 1 is outside"))
        #expect(walk.allowedZoneTypes == ["Normal", "DMA32", "DMA"])

        // A zone line without free or min takes no part; a reserve line too short counts as no reserve.
        var partial = e
        partial.zones[0].min_kb = nil
        partial.zones[1].lowmem_reserve_pages = [0]
        let again = walk.checks(partial)
        #expect(!again.contains { $0.zone == "DMA" })
        #expect(again.first { $0.zone == "DMA32" }?.reserve_pages == 0)
    }

    @Test func aWalkWithoutAClassZoneChecksNothing() {
        var e = OOMEvent(id: "w", kind: .oom, complete: true, source: .init(path: "-", first_line: 1, last_line: 1))
        e.zones = [zone(nil, "Normal", free: 10, min: 20, high: 30, reserve: [0, 0])]
        let walk = ZonelistWalk(layout: ZoneLayout(types: []), highestZone: "Normal", allowedNodes: nil, order: 0,
                                flags: .init(), rules: .classic, pageKB: 4)
        #expect(walk.checks(e).isEmpty)
    }
}
