/// The thirteen bit layouts of the GFP (allocation) flags from 2.6.12 to 6.x (kernel-oom-report-format.md §7.1).
///
/// Each family is the set of releases that share one `include/linux/gfp.h` (or `gfp_types.h`) numbering.
enum GFPLayout: String, CaseIterable, Sendable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case e = "E"
    case f = "F"
    case g = "G"
    case h = "H"
    case i = "I"
    case j = "J"
    case k = "K"
    case l = "L"
    case m = "M"

    /// The first release of the family.
    var firstRelease: KernelVersion {
        switch self {
        case .a: KernelVersion(2, 6, 12)
        case .b: KernelVersion(2, 6, 23)
        case .c: KernelVersion(2, 6, 24)
        case .d: KernelVersion(2, 6, 31)
        case .e: KernelVersion(4, 4)
        case .f: KernelVersion(4, 5)
        case .g: KernelVersion(4, 10)
        case .h: KernelVersion(4, 17)
        case .i: KernelVersion(5, 1)
        case .j: KernelVersion(5, 14)
        case .k: KernelVersion(5, 18)
        case .l: KernelVersion(6, 3)
        case .m: KernelVersion(6, 10)
        }
    }

    /// The releases, as the reference names them.
    var releases: String {
        switch self {
        case .a: "2.6.12-2.6.22"
        case .b: "2.6.23"
        case .c: "2.6.24-2.6.30"
        case .d: "2.6.31-4.3"
        case .e: "4.4"
        case .f: "4.5-4.9"
        case .g: "4.10-4.16"
        case .h: "4.17-5.0"
        case .i: "5.1-5.13"
        case .j: "5.14-5.17"
        case .k: "5.18-6.2"
        case .l: "6.3-6.9"
        case .m: "6.10+"
        }
    }

    /// `D (2.6.31-4.3)`.
    var label: String { "\(rawValue) (\(releases))" }

    /// The family a release belongs to.
    static func forRelease(_ version: KernelVersion) -> GFPLayout {
        var result = GFPLayout.a
        for layout in allCases where layout.firstRelease <= version { result = layout }
        return result
    }

    /// Families whose releases overlap a format era (all of them when the era is unknown), oldest first.
    static func candidates(forEra era: String?) -> [GFPLayout] {
        let (lower, upper) = KernelVersion.bounds(ofEra: era)
        guard lower != nil || upper != nil else { return allCases }
        let all = allCases
        return all.enumerated().filter { index, layout in
            let next = index + 1 < all.count ? all[index + 1].firstRelease : nil
            if let upper, upper < layout.firstRelease { return false }
            if let lower, let next, next <= lower { return false }
            return true
        }.map(\.element)
    }

    /// The family to assume for an era when neither the release nor printed names tell more: the one most
    /// kernels of that era had.
    static func usual(forEra era: String?) -> GFPLayout? {
        switch era {
        case "2.6.18": .a
        case "2.6.19-2.6.31": .c
        case "2.6.32-2.6.35", "2.6.36-3.7", "3.8-4.5": .d
        case "4.6-4.9": .f
        case "4.10-4.20": .g
        case "5.0": .h
        case "5.0+", "5.1+": .i
        case "6.11+": .m
        default: nil
        }
    }

    /// True for families that numbered zone modifier MOVABLE 0x08 (2.6.31 on).
    var hasLowMovableBit: Bool { self >= .d }

    /// True for the 4.4+ watermark code (`__zone_watermark_ok` with migrate-type lists and highatomic reserve).
    var usesMigrateTypeCheck: Bool { self >= .e }

    /// True for the 6.3+ reserve rules (ALLOC_MIN_RESERVE, ALLOC_NON_BLOCK; no __GFP_ATOMIC).
    var usesReserveRules: Bool { self >= .l }
}

extension GFPLayout: Comparable {
    static func < (a: GFPLayout, b: GFPLayout) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
