import OOMLensSinkAPI

/// Walks a report's zones the way the allocator's zonelist does, and runs the watermark test on each
/// (kernel-oom-report-format.md §7.4, §8).
///
/// Node by node, each node's zones from the highest zone the allocation may use down to DMA; `lowmem_reserve`
/// is indexed by the class zone (the highest allowed zone) in the layout the report's own zone lines imply.
/// Zones the allocation may not use (above its highest zone, or on nodes outside its cpuset or nodemask) are
/// reported after the walk, with their own free memory, as `allowed: false`.
struct ZonelistWalk {
    let layout: ZoneLayout
    /// The highest allowed zone type (`gfp_zone()`), before fallback to the types the build has.
    let highestZone: String
    /// The nodes the allocation may use; nil when the report does not restrict them.
    let allowedNodes: Set<Int>?
    let order: Int
    let flags: ZoneWatermarkCheck.Flags
    let rules: ZoneWatermarkCheck.Rules
    let pageKB: Int64

    /// The index of the class zone in the layout.
    var classIndex: Int? { layout.classIndex(forHighestZone: highestZone) }

    /// The zone types the allocation may use, highest first.
    var allowedZoneTypes: [String] {
        guard let c = classIndex else { return [] }
        return Array(layout.types.prefix(c + 1).reversed())
    }

    /// True when the build has a HighMem zone: the zones below it are "lowmem".
    var hasHighMem: Bool { layout.types.contains("HighMem") }

    /// A node list as the kernel prints it (`0`, `0-1,3`); nil for `(null)`, empty or unreadable text.
    static func parseNodeList(_ text: String?) -> Set<Int>? {
        guard let text, !text.isEmpty, text != "(null)" else { return nil }
        var nodes = Set<Int>()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1)
            guard let low = Int(bounds[0].trimmingSpaces) else { return nil }
            let high = bounds.count > 1 ? Int(bounds[1].trimmingSpaces) : low
            guard let high, high >= low, high - low < 4096 else { return nil }
            for n in low...high { nodes.insert(n) }
        }
        return nodes.isEmpty ? nil : nodes
    }

    /// One check per populated zone line: the walk first, then the zones the allocation may not use.
    func checks(_ event: OOMEvent) -> [OOMEvent.ZoneCheck] {
        guard let classIndex else { return [] }
        var nodes: [Int?] = []
        for z in event.zones where !nodes.contains(z.node) { nodes.append(z.node) }
        let nodeUnreclaimable = Dictionary((event.nodes ?? []).map { ($0.node, $0.all_unreclaimable) },
                                           uniquingKeysWith: { a, _ in a })
        var walked: [OOMEvent.ZoneCheck] = []
        var others: [OOMEvent.ZoneCheck] = []
        for node in nodes {
            let nodeAllowed = node.map { allowedNodes?.contains($0) ?? true } ?? true
            let zones = event.zones.filter { $0.node == node && isPopulated($0) }
                .sorted { (layout.index(of: $0.zone) ?? 99) > (layout.index(of: $1.zone) ?? 99) }
            for zone in zones {
                guard var check = check(zone, classIndex: classIndex) else { continue }
                if check.all_unreclaimable == nil, let node, let flag = nodeUnreclaimable[node] ?? nil {
                    check.all_unreclaimable = flag
                }
                let zoneAllowed = (layout.index(of: zone.zone) ?? Int.max) <= classIndex
                if zoneAllowed && nodeAllowed {
                    walked.append(check)
                } else {
                    others.append(notAllowed(check, zone: zone, byNode: zoneAllowed))
                }
            }
        }
        return walked + others
    }

    /// Unpopulated zones (2.6.18 prints them, with `<Zone>: empty`) take no part.
    private func isPopulated(_ zone: OOMEvent.Zone) -> Bool {
        if zone.buddy?.empty == true { return false }
        if let present = zone.present_kb, present == 0 { return false }
        return zone.free_kb != nil && zone.min_kb != nil
    }

    /// The test for one zone, nil when the zone line lacks free or min.
    func check(_ zone: OOMEvent.Zone, classIndex: Int) -> OOMEvent.ZoneCheck? {
        guard let freeKB = zone.free_kb, let minKB = zone.min_kb else { return nil }
        let page = max(1, zone.buddy?.page_kb ?? pageKB)
        let reserve = zone.lowmem_reserve_pages.flatMap { classIndex < $0.count ? $0[classIndex] : nil } ?? 0
        var input = ZoneWatermarkCheck.Input(freePages: freeKB / page, minPages: minKB / page,
                                             highPages: zone.high_kb.map { $0 / page }, reservePages: reserve,
                                             order: order)
        input.counts = zone.buddy?.counts ?? []
        input.types = zone.buddy?.types
        input.highAtomicPages = (zone.fields_kb["reserved_highatomic"] ?? 0) / page
        input.freeCMAPages = (zone.fields_kb["free_cma"] ?? 0) / page
        input.rules = rules
        input.flags = flags
        let result = ZoneWatermarkCheck.evaluate(input)

        var check = OOMEvent.ZoneCheck(
            node: zone.node, zone: zone.zone, passed: !result.verdict.failed, free_kb: freeKB,
            usable_free_kb: result.usableFreePages * page, min_kb: minKB, reserve_kb: reserve * page,
            reason: "")
        check.verdict = result.verdict.rawValue
        check.low_kb = zone.low_kb
        check.high_kb = zone.high_kb
        if result.effectiveMinPages != input.minPages { check.effective_min_kb = result.effectiveMinPages * page }
        check.reserve_pages = reserve
        check.classzone = layout.name(at: classIndex)
        check.order = order
        check.allowed = true
        check.free_at_order_kb = result.freeAtOrderPages.map { $0 * page }
        check.all_unreclaimable = zone.all_unreclaimable
        check.reason = reason(check, result: result, page: page)
        return check
    }

    /// A zone the allocation may not use: its own state (checked against its own class), marked not allowed.
    private func notAllowed(_ check: OOMEvent.ZoneCheck, zone: OOMEvent.Zone, byNode: Bool) -> OOMEvent.ZoneCheck {
        var own = self.check(zone, classIndex: layout.index(of: zone.zone) ?? 0) ?? check
        own.allowed = false
        own.passed = false
        own.verdict = "not-allowed"
        let state = own.usable_free_kb > (own.effective_min_kb ?? own.min_kb) + own.reserve_kb
            ? "it has \(own.free_kb) kB free, above its min \(own.min_kb) kB"
            : "it has \(own.free_kb) kB free, itself below its min \(own.min_kb) kB"
        if byNode {
            let nodes = allowedNodes.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "?"
            own.reason = "node \(zone.node.map(String.init) ?? "?") is outside the nodes the task may use (\(nodes)); \(state)"
        } else {
            own.reason = "the allocation may not use \(zone.zone) (its highest zone is \(layout.name(at: classIndex ?? 0) ?? highestZone)); \(state)"
        }
        return own
    }

    /// The verdict in words, with the numbers of the test.
    private func reason(_ c: OOMEvent.ZoneCheck, result: ZoneWatermarkCheck.Result, page: Int64) -> String {
        let min = c.effective_min_kb.map { "\($0) kB (min \(c.min_kb) kB lowered for the allocation's flags)" }
            ?? "\(c.min_kb) kB"
        let reserve = c.reserve_kb > 0
            ? " + lowmem_reserve \(c.reserve_pages ?? 0) pages (\(c.reserve_kb) kB)" : ""
        let usable = c.usable_free_kb != c.free_kb ? " (\(c.usable_free_kb) kB usable for this request)" : ""
        switch result.verdict {
        case .belowMin:
            return "free \(c.free_kb) kB\(usable) is below min \(min)\(reserve)"
        case .belowReserve:
            return "\(c.free_kb) kB free\(usable) is below min \(min)\(reserve): the zone keeps "
                + "\(c.reserve_kb) kB back for allocations that could have used a higher zone"
        case .fragmented:
            let block = page << Int64(max(0, order))
            if let k = result.failedAtOrder, let left = result.remainingPages, let mark = result.halvedMinPages {
                return "free \(c.free_kb) kB passes min \(min)\(reserve), but without the blocks below order "
                    + "\(k + 1) only \(left * page) kB remain, not above the halved watermark \(mark * page) kB: "
                    + "too little is free in blocks of \(block) kB"
            }
            return "free \(c.free_kb) kB passes min \(min)\(reserve), but no free block of order \(order) "
                + "(\(block) kB) or larger is on a list this allocation may use"
        case .belowHigh:
            return "free \(c.free_kb) kB\(usable) passed min \(min)\(reserve) but not high "
                + "\(c.high_kb ?? 0) kB\(reserve): it failed the last attempt before the OOM kill, which checks the "
                + "high watermark"
        case .ok:
            return "free \(c.free_kb) kB is above high \(c.high_kb ?? 0) kB\(reserve): the zone looked able to "
                + "serve the request when the numbers were printed (a later snapshot, memory freed meanwhile, or "
                + "another constraint)"
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
