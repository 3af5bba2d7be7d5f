/// The GFP flag names of one bit layout: single bits, named composite masks in the kernel's matching order,
/// and the four zone modifier bits (kernel-oom-report-format.md §7.1–7.2, §7.4).
///
/// A few names depend on the release within a family: bit 0x100000 of D (KMEMCG in 3.8–3.15, NOACCOUNT in
/// 4.1–4.3, ACCOUNT on RHEL 7's 3.10) and the THP masks of E/F (4.7 dropped NORETRY from GFP_TRANSHUGE).
struct GFPFlagTable: Sendable {
    /// One named mask: a single `__GFP_` bit or a `GFP_` composite.
    struct Entry: Sendable {
        var name: String
        var mask: UInt64
    }

    let layout: GFPLayout
    /// Single bits, lowest first.
    let bits: [Entry]
    /// Composite masks in the order the kernel matches them (`__GFP_RECLAIM` last).
    let composites: [Entry]
    let dmaBit: UInt64 = 0x1
    let highmemBit: UInt64 = 0x2
    let dma32Bit: UInt64
    /// 0 where the layout has no MOVABLE modifier (before 2.6.23).
    let movableBit: UInt64

    init(_ layout: GFPLayout, release: KernelVersion? = nil, rhel7: Bool = false) {
        self.layout = layout
        dma32Bit = 0x4
        switch layout {
        case .a: movableBit = 0
        case .b: movableBit = 0x80000
        case .c: movableBit = 0x100000
        default: movableBit = 0x8
        }
        var bits: [UInt64: String] = [0x1: "DMA", 0x2: "HIGHMEM", 0x4: "DMA32", 0x20: "HIGH", 0x40: "IO", 0x80: "FS"]
        func set(_ pairs: [(UInt64, String)]) { for (bit, name) in pairs { bits[bit] = name } }
        switch layout {
        case .a, .b, .c, .d:
            set([(0x10, "WAIT"), (0x100, "COLD"), (0x200, "NOWARN"), (0x400, "REPEAT"), (0x800, "NOFAIL"),
                 (0x1000, "NORETRY"), (0x4000, "COMP"), (0x8000, "ZERO"), (0x10000, "NOMEMALLOC"),
                 (0x20000, "HARDWALL"), (0x40000, "THISNODE")])
            switch layout {
            case .a: set([(0x2000, "NO_GROW")])
            case .b: set([(0x80000, "MOVABLE")])
            case .c: set([(0x80000, "RECLAIMABLE"), (0x100000, "MOVABLE")])
            default:
                set([(0x8, "MOVABLE"), (0x2000, "MEMALLOC"), (0x80000, "RECLAIMABLE"), (0x200000, "NOTRACK"),
                     (0x400000, "NO_KSWAPD"), (0x800000, "OTHER_NODE"), (0x1000000, "WRITE")])
                if rhel7 {
                    set([(0x100000, "ACCOUNT")])
                } else if let release, release >= KernelVersion(4, 1) {
                    set([(0x100000, "NOACCOUNT")])
                } else if release == nil || release! >= KernelVersion(3, 8) {
                    set([(0x100000, "KMEMCG")])
                }
            }
        case .e, .f:
            set([(0x8, "MOVABLE"), (0x10, "RECLAIMABLE"), (0x100, "COLD"), (0x200, "NOWARN"), (0x400, "REPEAT"),
                 (0x800, "NOFAIL"), (0x1000, "NORETRY"), (0x2000, "MEMALLOC"), (0x4000, "COMP"), (0x8000, "ZERO"),
                 (0x10000, "NOMEMALLOC"), (0x20000, "HARDWALL"), (0x40000, "THISNODE"), (0x80000, "ATOMIC"),
                 (0x100000, layout == .e ? "NOACCOUNT" : "ACCOUNT"), (0x200000, "NOTRACK"),
                 (0x400000, "DIRECT_RECLAIM"), (0x800000, "OTHER_NODE"), (0x1000000, "WRITE"),
                 (0x2000000, "KSWAPD_RECLAIM")])
        case .g:
            let repeatName = release.map { $0 >= KernelVersion(4, 13) } == true ? "RETRY_MAYFAIL" : "REPEAT"
            set([(0x8, "MOVABLE"), (0x10, "RECLAIMABLE"), (0x100, "COLD"), (0x200, "NOWARN"), (0x400, repeatName),
                 (0x800, "NOFAIL"), (0x1000, "NORETRY"), (0x2000, "MEMALLOC"), (0x4000, "COMP"), (0x8000, "ZERO"),
                 (0x10000, "NOMEMALLOC"), (0x20000, "HARDWALL"), (0x40000, "THISNODE"), (0x80000, "ATOMIC"),
                 (0x100000, "ACCOUNT"), (0x200000, "NOTRACK"), (0x400000, "DIRECT_RECLAIM"), (0x800000, "WRITE"),
                 (0x1000000, "KSWAPD_RECLAIM"), (0x2000000, "NOLOCKDEP")])
        case .h:
            set([(0x8, "MOVABLE"), (0x10, "RECLAIMABLE"), (0x100, "WRITE"), (0x200, "NOWARN"),
                 (0x400, "RETRY_MAYFAIL"), (0x800, "NOFAIL"), (0x1000, "NORETRY"), (0x2000, "MEMALLOC"),
                 (0x4000, "COMP"), (0x8000, "ZERO"), (0x10000, "NOMEMALLOC"), (0x20000, "HARDWALL"),
                 (0x40000, "THISNODE"), (0x80000, "ATOMIC"), (0x100000, "ACCOUNT"), (0x200000, "DIRECT_RECLAIM"),
                 (0x400000, "KSWAPD_RECLAIM"), (0x800000, "NOLOCKDEP")])
        case .i, .j, .k, .l, .m:
            set([(0x8, "MOVABLE"), (0x10, "RECLAIMABLE"), (0x100, "ZERO"), (0x400, "DIRECT_RECLAIM"),
                 (0x800, "KSWAPD_RECLAIM"), (0x1000, "WRITE"), (0x2000, "NOWARN"), (0x4000, "RETRY_MAYFAIL"),
                 (0x8000, "NOFAIL"), (0x10000, "NORETRY"), (0x20000, "MEMALLOC"), (0x40000, "COMP"),
                 (0x80000, "NOMEMALLOC"), (0x100000, "HARDWALL"), (0x200000, "THISNODE"), (0x400000, "ACCOUNT")])
            if layout < .l { set([(0x200, "ATOMIC")]) }
            switch layout {
            case .i: set([(0x800000, "NOLOCKDEP")])
            case .j: set([(0x800000, "ZEROTAGS"), (0x1000000, "SKIP_KASAN_POISON"), (0x2000000, "NOLOCKDEP")])
            case .k:
                set([(0x800000, "ZEROTAGS"), (0x1000000, "SKIP_ZERO"), (0x2000000, "SKIP_KASAN_UNPOISON"),
                     (0x4000000, "SKIP_KASAN_POISON"), (0x8000000, "NOLOCKDEP")])
            case .l:
                set([(0x800000, "ZEROTAGS"), (0x1000000, "SKIP_ZERO"), (0x2000000, "SKIP_KASAN"),
                     (0x4000000, "NOLOCKDEP")])
            default:
                // 6.10+: the bits after ZEROTAGS go to whichever options are configured, so they have no fixed name.
                set([(0x800000, "ZEROTAGS")])
            }
        }
        self.bits = bits.sorted { $0.key < $1.key }.map { Entry(name: "__GFP_" + $0.value, mask: $0.key) }
        composites = Self.composites(layout, release: release, rhel7: rhel7)
    }

    /// The named composites of a layout, in the kernel's matching order (§7.2, §7.3).
    private static func composites(_ layout: GFPLayout, release: KernelVersion?, rhel7: Bool) -> [Entry] {
        var list: [(String, UInt64)] = []
        switch layout {
        case .a, .b, .c, .d:
            if layout == .d { list.append(("GFP_TRANSHUGE", 0x4352da)) }
            switch layout {
            case .b: list.append(("GFP_HIGHUSER_MOVABLE", 0xa00d2))
            case .c: list.append(("GFP_HIGHUSER_MOVABLE", 0x1200d2))
            case .d: list.append(("GFP_HIGHUSER_MOVABLE", 0x200da))
            default: break
            }
            list += [("GFP_HIGHUSER", 0x200d2), ("GFP_USER", 0x200d0)]
            if layout >= .c { list.append(("GFP_TEMPORARY", 0x800d0)) }
            if rhel7 { list.append(("GFP_KERNEL_ACCOUNT", 0x1000d0)) }
            list += [("GFP_KERNEL", 0xd0), ("GFP_NOFS", 0x50), ("GFP_ATOMIC", 0x20), ("GFP_NOIO", 0x10)]
        case .e, .f:
            let lateTHP = layout == .f && (release.map { $0 >= KernelVersion(4, 7) } ?? true)
            list.append(("GFP_TRANSHUGE", lateTHP ? 0x4342ca : 0x4352ca))
            if lateTHP { list.append(("GFP_TRANSHUGE_LIGHT", 0x342ca)) }
            list += [("GFP_HIGHUSER_MOVABLE", 0x24200ca), ("GFP_HIGHUSER", 0x24200c2), ("GFP_USER", 0x24200c0),
                     ("GFP_TEMPORARY", 0x24000d0)]
            if layout == .f { list.append(("GFP_KERNEL_ACCOUNT", 0x25000c0)) }
            list += [("GFP_KERNEL", 0x24000c0), ("GFP_NOFS", 0x2400040), ("GFP_ATOMIC", 0x2080020),
                     ("GFP_NOIO", 0x2400000), ("GFP_NOWAIT", 0x2000000)]
        case .g:
            list += [("GFP_TRANSHUGE", 0x4342ca), ("GFP_TRANSHUGE_LIGHT", 0x342ca),
                     ("GFP_HIGHUSER_MOVABLE", 0x14200ca), ("GFP_HIGHUSER", 0x14200c2), ("GFP_USER", 0x14200c0)]
            if release.map({ $0 < KernelVersion(4, 14) }) ?? true { list.append(("GFP_TEMPORARY", 0x14000d0)) }
            list += [("GFP_KERNEL_ACCOUNT", 0x15000c0), ("GFP_KERNEL", 0x14000c0), ("GFP_NOFS", 0x1400040),
                     ("GFP_ATOMIC", 0x1080020), ("GFP_NOIO", 0x1400000), ("GFP_NOWAIT", 0x1000000)]
        case .h:
            list += [("GFP_TRANSHUGE", 0x2342ca), ("GFP_TRANSHUGE_LIGHT", 0x342ca), ("GFP_HIGHUSER_MOVABLE", 0x6200ca),
                     ("GFP_HIGHUSER", 0x6200c2), ("GFP_USER", 0x6200c0), ("GFP_KERNEL_ACCOUNT", 0x7000c0),
                     ("GFP_KERNEL", 0x6000c0), ("GFP_NOFS", 0x600040), ("GFP_ATOMIC", 0x480020),
                     ("GFP_NOIO", 0x600000), ("GFP_NOWAIT", 0x400000)]
        case .i, .j, .k, .l, .m:
            let kasan: UInt64 = layout == .j ? 0x1000000 : 0
            list += [("GFP_TRANSHUGE", 0x1c24ca | kasan), ("GFP_TRANSHUGE_LIGHT", 0x1c20ca | kasan),
                     ("GFP_HIGHUSER_MOVABLE", 0x100cca | kasan), ("GFP_HIGHUSER", 0x100cc2), ("GFP_USER", 0x100cc0),
                     ("GFP_KERNEL_ACCOUNT", 0x400cc0), ("GFP_KERNEL", 0xcc0), ("GFP_NOFS", 0xc40),
                     ("GFP_ATOMIC", layout >= .l ? 0x820 : 0xa20), ("GFP_NOIO", 0xc00), ("GFP_NOWAIT", 0x800)]
        }
        list += [("GFP_DMA", 0x1), ("GFP_DMA32", 0x4)]
        switch layout {
        case .e, .f: list.append(("__GFP_RECLAIM", 0x2400000))
        case .g: list.append(("__GFP_RECLAIM", 0x1400000))
        case .h: list.append(("__GFP_RECLAIM", 0x600000))
        case .i, .j, .k, .l, .m: list.append(("__GFP_RECLAIM", 0xc00))
        default: break
        }
        return list.map { Entry(name: $0.0, mask: $0.1) }
    }

    /// The bits of a name in this layout (a composite or a single flag, with or without `__GFP_`), nil if unknown.
    func mask(of name: String) -> UInt64? {
        if let c = composites.first(where: { $0.name == name }) { return c.mask }
        let single = name.hasBytePrefix("__GFP_") ? name : "__GFP_" + name
        if let b = bits.first(where: { $0.name == single }) { return b.mask }
        if name.hasBytePrefix("0x"), let value = UInt64(name.dropFirst(2), radix: 16) { return value }
        return nil
    }
}
