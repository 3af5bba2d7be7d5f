import OOMLensSinkAPI

/// The zone types a kernel was built with, in index order: what the columns of a `lowmem_reserve[]:` line mean
/// (kernel-oom-report-format.md §4.6).
///
/// It is inferred from the zones the report lists and the number of reserve entries (MAX_NR_ZONES): a HighMem
/// zone means the 32-bit layout, a DMA32 zone the 64-bit one; unpopulated zones are not printed after 2.6.18,
/// and 6.1+ leaves out the zones above the allocation's highest zone, so the entry count decides the rest.
struct ZoneLayout: Sendable, Equatable {
    /// Zone type names by index.
    let types: [String]

    /// The canonical order of zone names across layouts.
    static let canonicalOrder = ["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device"]

    /// Layouts of the surveyed builds, most specific first.
    private static let known: [[String]] = [
        ["DMA", "DMA32", "Normal", "HighMem"],  // 2.6.18 fixed enum (every arch)
        ["DMA", "Normal", "HighMem", "Movable"],  // x86_32 with HIGHMEM, 2.6.23+
        ["DMA", "Normal", "HighMem"],  // 32-bit 2.6.19-2.6.22
        ["DMA", "DMA32", "Normal", "Movable", "Device"],  // x86_64 with ZONE_DEVICE
        ["DMA", "DMA32", "Normal", "Movable"],  // x86_64
        ["DMA", "DMA32", "Normal"],  // x86_64 2.6.19-2.6.22
        ["DMA32", "Normal", "Movable", "Device"],  // arm64 without ZONE_DMA
        ["DMA32", "Normal", "Movable"],
        ["DMA", "Normal", "Movable", "Device"],
        ["DMA", "Normal", "Movable"],  // 32-bit without HIGHMEM, ARM with DMA
        ["Normal", "Movable", "Device"],
        ["Normal", "Movable"],  // sparc64 and similar
        ["Normal", "HighMem", "Movable"],
    ]

    init(types: [String]) {
        self.types = types
    }

    /// The layout of a report's zones.
    init(zones: [OOMEvent.Zone], era: String?) {
        var names: [String] = []
        for z in zones where !names.contains(z.zone) { names.append(z.zone) }
        let count = zones.compactMap { $0.lowmem_reserve_pages?.count }.max()
        func fits(_ layout: [String]) -> Bool {
            names.allSatisfy(layout.contains) && (count == nil || count == layout.count)
        }
        if era == "2.6.18", let first = Self.known.first, fits(first) {
            types = first
            return
        }
        var candidates = Self.known
        // The fixed 2.6.18 enum shows as DMA32 and HighMem lines in one report.
        if !(names.contains("HighMem") && names.contains("DMA32")) { candidates.removeFirst() }
        if let match = candidates.first(where: fits) {
            types = match
            return
        }
        // No surveyed layout fits: the listed zones in canonical order, padded with the usual zones above.
        var guess = Self.canonicalOrder.filter(names.contains)
        for name in Self.canonicalOrder where !guess.contains(name) && guess.count < (count ?? guess.count) {
            if let last = guess.last, let li = Self.canonicalOrder.firstIndex(of: last),
               let ni = Self.canonicalOrder.firstIndex(of: name), ni > li
            {
                guess.append(name)
            }
        }
        types = guess
    }

    func index(of zone: String) -> Int? { types.firstIndex(of: zone) }

    /// The index of the highest allowed zone for a `gfp_zone()` result: a type the build lacks falls back to
    /// Normal (DMA, DMA32, HighMem are aliases of Normal when not configured); Movable falls back to HighMem.
    func classIndex(forHighestZone zone: String) -> Int? {
        if let i = index(of: zone) { return i }
        if zone == "Movable", let i = index(of: "HighMem") { return i }
        if let i = index(of: "Normal") { return i }
        return types.indices.last
    }

    /// The type at `index`.
    func name(at index: Int) -> String? { types.indices.contains(index) ? types[index] : nil }
}
