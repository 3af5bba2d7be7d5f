/// The kernel's watermark test for one zone (`__zone_watermark_ok`), recomputed from the logged numbers
/// (kernel-oom-report-format.md §8.1–8.2). All quantities are pages.
///
/// The test takes the zone's free pages, minus the pages the request itself needs beyond one (2^order − 1) and
/// the pages the caller may not touch (free CMA pages; from 4.4 the reserved high-atomic blocks), and fails when
/// that is not above the watermark plus `lowmem_reserve[classzone]`. Callers that may dig deeper lower the
/// watermark first. For order > 0 the free memory must also lie in large enough blocks: up to 4.3 the test
/// takes the smaller blocks away order by order against a halving watermark; from 4.4 it looks for a free block
/// of the order or larger on a list the caller may use (the buddy line's migrate-type letters).
enum ZoneWatermarkCheck {
    /// Which version of the test the kernel ran.
    enum Rules: Sendable {
        /// Up to 4.3: ALLOC_HIGH halves the watermark, ALLOC_HARDER takes a further quarter, and an order loop.
        case classic
        /// 4.4–6.2: the same reductions (an OOM victim takes a half instead of the quarter), high-atomic
        /// reserve, and the migrate-type block search.
        case migrateTypes
        /// 6.3+: ALLOC_MIN_RESERVE ½, with ALLOC_NON_BLOCK a further ¼, ALLOC_OOM a further ½.
        case reserves
    }

    /// The allocation's rights, from its GFP flags (`gfp_to_alloc_flags`).
    struct Flags: Sendable, Equatable {
        /// ALLOC_HIGH / ALLOC_MIN_RESERVE: `__GFP_HIGH` (GFP_ATOMIC).
        var high = false
        /// ALLOC_HARDER (atomic callers; ≤6.2) or ALLOC_NON_BLOCK (6.3+).
        var harder = false
        /// ALLOC_OOM: the caller is an OOM victim on its way out.
        var oomVictim = false
        /// ALLOC_CMA: movable allocations may use free CMA pages.
        var cma = false
    }

    struct Input: Sendable {
        var freePages: Int64
        var minPages: Int64
        var highPages: Int64?
        /// `lowmem_reserve[classzone]`.
        var reservePages: Int64
        var order: Int
        /// Free blocks per order (buddy line); empty when the report has none.
        var counts: [Int64] = []
        /// Migrate-type letters per order, when the kernel printed them.
        var types: [String?]? = nil
        var highAtomicPages: Int64 = 0
        var freeCMAPages: Int64 = 0
        var rules: Rules = .classic
        var flags = Flags()
    }

    enum Verdict: String, Sendable {
        /// Free pages not above the (lowered) min watermark.
        case belowMin = "below-min"
        /// Above min, but not above min + lowmem_reserve: the zone keeps those pages for other allocations.
        case belowReserve = "below-reserve"
        /// Enough free pages, but not in blocks of the order.
        case fragmented
        /// Passed min, but not above high + reserve: the last attempt before the OOM kill checks high.
        case belowHigh = "below-high"
        /// Above high + reserve: the zone looked able to serve the request when the numbers were printed.
        case ok

        var failed: Bool { self != .ok }
    }

    struct Result: Sendable, Equatable {
        var verdict: Verdict
        /// Free pages after the request's own pages, CMA and high-atomic pages are taken away.
        var usableFreePages: Int64
        /// The min watermark after the flag reductions.
        var effectiveMinPages: Int64
        /// Free pages in blocks of the order or larger (nil without a buddy line).
        var freeAtOrderPages: Int64?
        /// Classic order loop: the order at which the remaining pages fell to the halved watermark.
        var failedAtOrder: Int?
        /// Classic order loop: the pages left and the watermark at that point.
        var remainingPages: Int64?
        var halvedMinPages: Int64?
    }

    static func evaluate(_ input: Input) -> Result {
        let order = max(0, input.order)
        let mayUseReserves = input.flags.harder || input.flags.oomVictim || (input.rules == .reserves && input.flags.high)
        var free = input.freePages - ((Int64(1) << Int64(min(order, 20))) - 1)
        if !input.flags.cma { free -= input.freeCMAPages }
        if input.rules != .classic && !mayUseReserves { free -= input.highAtomicPages }

        var minimum = input.minPages
        switch input.rules {
        case .classic:
            if input.flags.high { minimum -= minimum / 2 }
            if input.flags.harder { minimum -= minimum / 4 }
        case .migrateTypes:
            if input.flags.high { minimum -= minimum / 2 }
            if input.flags.oomVictim {
                minimum -= minimum / 2
            } else if input.flags.harder {
                minimum -= minimum / 4
            }
        case .reserves:
            if input.flags.high {
                minimum -= minimum / 2
                if input.flags.harder { minimum -= minimum / 4 }
            }
            if input.flags.oomVictim { minimum -= minimum / 2 }
        }

        var freeAtOrder: Int64?
        if !input.counts.isEmpty {
            freeAtOrder = input.counts.enumerated().filter { $0.offset >= order }
                .reduce(Int64(0)) { $0 + ($1.element << Int64($1.offset)) }
        }
        var result = Result(verdict: .ok, usableFreePages: free, effectiveMinPages: minimum,
                            freeAtOrderPages: freeAtOrder)

        if free <= minimum + input.reservePages {
            result.verdict = free > minimum ? .belowReserve : .belowMin
            return result
        }
        if order > 0 && !input.counts.isEmpty {
            switch input.rules {
            case .classic:
                var remaining = free
                var mark = minimum
                for k in 0..<order {
                    remaining -= (k < input.counts.count ? input.counts[k] : 0) << Int64(k)
                    mark >>= 1
                    if remaining <= mark {
                        result.verdict = .fragmented
                        result.failedAtOrder = k
                        result.remainingPages = remaining
                        result.halvedMinPages = mark
                        return result
                    }
                }
            case .migrateTypes, .reserves:
                if !hasUsableBlock(input, order: order, mayUseReserves: mayUseReserves) {
                    result.verdict = .fragmented
                    return result
                }
            }
        }
        if let high = input.highPages, free <= high + input.reservePages {
            result.verdict = .belowHigh
        }
        return result
    }

    /// 4.4+: a free block of `order` or larger on a list the caller may use. Unmovable, movable and reclaimable
    /// lists always; CMA with ALLOC_CMA; high-atomic for callers that may use reserves. Without letters, any
    /// free block counts.
    static func hasUsableBlock(_ input: Input, order: Int, mayUseReserves: Bool) -> Bool {
        for k in order..<max(order, input.counts.count) where input.counts[k] > 0 {
            guard let types = input.types, k < types.count, let letters = types[k] else { return true }
            if letters.contains(where: { "UME".contains($0) }) { return true }
            if input.flags.cma && letters.contains("C") { return true }
            if mayUseReserves && letters.contains("H") { return true }
        }
        return false
    }

    /// True when the buddy counts hold a free block of `order` or larger (OOMAnalyser's free-chunk check).
    static func hasFreeBlock(counts: [Int64], order: Int) -> Bool {
        counts.indices.contains { $0 >= order && counts[$0] > 0 }
    }
}
