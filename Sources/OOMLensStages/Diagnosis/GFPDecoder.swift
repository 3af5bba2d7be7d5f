/// Decodes a GFP mask into flag names for a bit layout, checks the names the kernel printed against it, and
/// derives the highest zone the mask allows (kernel-oom-report-format.md §7.3–7.4).
enum GFPDecoder {
    /// The outcome for one mask.
    struct Decoding: Sendable {
        var table: GFPFlagTable
        var mask: UInt64
        /// Composite names first (kernel order), then single flags lowest bit first, then unknown bits in hex.
        var names: [String]
        /// Bits no name of the layout covers.
        var leftover: UInt64
        /// Notes where the printed names and the decoding disagree (empty when they agree or nothing was printed).
        var disagreements: [String]
        /// `DMA`, `DMA32`, `Normal`, `HighMem` or `Movable`; nil for a zone-bit combination the kernel rejects.
        var highestZone: String?

        /// `GFP_KERNEL | __GFP_ZERO`.
        var text: String { names.isEmpty ? "no flags" : names.joined(separator: " | ") }

        /// True when every bit of `name` (a flag or composite of the layout) is set; false for unknown names.
        func has(_ name: String) -> Bool {
            guard let bits = table.mask(of: name), bits != 0 else { return false }
            return mask & bits == bits
        }
    }

    /// Flags the 6.10+ layout assigns only when the matching option is configured (§7.1 footnote 9).
    private static let configDependent: Set<String> = [
        "__GFP_SKIP_ZERO", "__GFP_SKIP_KASAN", "__GFP_NOLOCKDEP", "__GFP_NO_OBJ_EXT", "__GFP_SKIP_KASAN_POISON",
        "__GFP_SKIP_KASAN_UNPOISON",
    ]

    /// `0x2084d0` → 0x2084d0.
    static func parseMask(_ text: String?) -> UInt64? {
        guard var t = text?.lowercased() else { return nil }
        if t.hasBytePrefix("0x") { t.removeFirst(2) }
        guard !t.isEmpty, t.count <= 16 else { return nil }
        return UInt64(t, radix: 16)
    }

    /// Names for `mask`: the kernel's greedy match, composites in table order, each taking its bits away, then
    /// the single bits left, then the rest in hex.
    static func names(_ mask: UInt64, table: GFPFlagTable) -> (names: [String], leftover: UInt64) {
        var rest = mask
        var names: [String] = []
        for c in table.composites where c.mask != 0 && rest & c.mask == c.mask {
            names.append(c.name)
            rest &= ~c.mask
        }
        for b in table.bits where rest & b.mask != 0 {
            names.append(b.name)
            rest &= ~b.mask
        }
        if rest != 0 { names.append("0x" + String(rest, radix: 16)) }
        return (names, rest)
    }

    /// Where the printed names and `mask` disagree in `table`'s layout: names the layout does not know, bits of
    /// the mask no printed name covers, and printed names with bits the mask does not have.
    static func disagreements(printed: [String], mask: UInt64, table: GFPFlagTable) -> [String] {
        var notes: [String] = []
        var covered: UInt64 = 0
        var unknownConfigNames = 0
        for name in printed where !name.isEmpty {
            if let bits = table.mask(of: name) {
                covered |= bits
                if bits & ~mask != 0 {
                    notes.append("the kernel printed \(name), whose bits 0x\(String(bits & ~mask, radix: 16)) are not set in the mask")
                }
            } else if table.layout == .m, configDependent.contains(name) {
                unknownConfigNames += 1
            } else {
                notes.append("the kernel printed \(name), which layout \(table.layout.label) does not define")
            }
        }
        var missing = mask & ~covered
        if unknownConfigNames > 0 {
            // 6.10+ numbers these by configuration: let them cover the bits the layout cannot name.
            let unnamed = names(missing, table: table).leftover
            if unnamed.nonzeroBitCount <= unknownConfigNames { missing &= ~unnamed }
        }
        if missing != 0 {
            let decoded = names(missing, table: table).names.joined(separator: " | ")
            notes.append("bits 0x\(String(missing, radix: 16)) of the mask (\(decoded)) are not among the printed flags")
        }
        return notes
    }

    /// The highest zone the mask allows (`gfp_zone()`), as a zone type name; nil for an invalid combination.
    static func highestZone(_ mask: UInt64, table: GFPFlagTable) -> String? {
        let dma = mask & table.dmaBit != 0
        let highmem = mask & table.highmemBit != 0
        let dma32 = mask & table.dma32Bit != 0
        let movable = table.movableBit != 0 && mask & table.movableBit != 0
        if table.layout < .d {
            // Before GFP_ZONE_TABLE: DMA, then DMA32, then HighMem+Movable, then HighMem, else Normal.
            if dma { return "DMA" }
            if dma32 { return "DMA32" }
            if highmem && movable { return "Movable" }
            return highmem ? "HighMem" : "Normal"
        }
        switch (dma, highmem, dma32, movable) {
        case (false, false, false, false), (false, false, false, true): return "Normal"
        case (true, false, false, _): return "DMA"
        case (false, false, true, _): return "DMA32"
        case (false, true, false, false): return "HighMem"
        case (false, true, false, true): return "Movable"
        default: return nil
        }
    }

    /// Decodes `mask` for a report: chooses the layout from the format era, the release (when it lies inside
    /// the era: a vendor kernel's version number does not tell its format) and the printed names (the running
    /// kernel's own), then names the bits and checks them against the printed names.
    static func decode(mask: UInt64, printed: [String]?, era: String?, release: String?) -> Decoding {
        let table = chooseTable(mask: mask, printed: printed, era: era, release: release)
        let (names, leftover) = names(mask, table: table)
        let notes = printed.map { disagreements(printed: $0, mask: mask, table: table) } ?? []
        return Decoding(table: table, mask: mask, names: names, leftover: leftover, disagreements: notes,
                        highestZone: highestZone(mask, table: table))
    }

    /// The layout table for a report (§7.3 step 1–2).
    static func chooseTable(mask: UInt64, printed: [String]?, era: String?, release: String?) -> GFPFlagTable {
        var candidates = GFPLayout.candidates(forEra: era)
        if candidates.isEmpty { candidates = GFPLayout.allCases }
        let version = KernelVersion.parse(release)
        let rhel7 = KernelVersion.isRHEL7(release)
        let fromRelease: GFPLayout? = version.flatMap { v in
            let layout = GFPLayout.forRelease(v)
            return candidates.contains(layout) && v.isWithin(era: era) ? layout : nil
        }
        let usual = GFPLayout.usual(forEra: era).flatMap { candidates.contains($0) ? $0 : nil }
        // Preference order: the release's family, the era's usual one, then the others newest first.
        var order: [GFPLayout] = []
        for layout in [fromRelease, usual].compactMap({ $0 }) + candidates.reversed() where !order.contains(layout) {
            order.append(layout)
        }
        func table(_ layout: GFPLayout) -> GFPFlagTable {
            GFPFlagTable(layout, release: layout == fromRelease ? version : nil, rhel7: rhel7 && layout == .d)
        }
        if let printed, !printed.isEmpty {
            for layout in order {
                let t = table(layout)
                if disagreements(printed: printed, mask: mask, table: t).isEmpty { return t }
            }
        }
        if fromRelease == nil && usual == nil {
            // Nothing tells: take the newest family that names every bit.
            for layout in order where names(mask, table: table(layout)).leftover == 0 { return table(layout) }
        }
        return table(order.first ?? .m)
    }
}
