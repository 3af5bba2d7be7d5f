import OOMLensSinkAPI
@testable import OOMLensStages
import Testing

/// GFP decoding against the worked examples of kernel-oom-report-format.md §7.3 for every layout family, the
/// cross-check with the names the kernel printed, the layout choice and the zones a mask allows (§7.4).
struct DiagnosisGFPTests {
    /// One worked example: the mask, the report's era and release, and the decoding the reference gives.
    struct Example: CustomStringConvertible, Sendable {
        var mask: String
        var era: String?
        var release: String?
        var layout: GFPLayout
        var names: [String]
        var highest: String
        var description: String { "\(mask) (\(era ?? "?"), \(release ?? "-"))" }
    }

    static let workedExamples: [Example] = [
        // A (2.6.12–2.6.22): 2.6.18's fixed GFP_HIGHUSER read-ahead mask.
        Example(mask: "0x201d2", era: "2.6.18", release: "2.6.18-419.el5", layout: .a,
                names: ["GFP_HIGHUSER", "__GFP_COLD"], highest: "HighMem"),
        // B (2.6.23): MOVABLE is 0x80000.
        Example(mask: "0xa00d2", era: "2.6.19-2.6.31", release: "2.6.23.17", layout: .b,
                names: ["GFP_HIGHUSER_MOVABLE"], highest: "Movable"),
        // C (2.6.24–2.6.30): `0x201d2` = GFP_HIGHUSER | COLD.
        Example(mask: "0x201d2", era: "2.6.19-2.6.31", release: "2.6.30-2-686", layout: .c,
                names: ["GFP_HIGHUSER", "__GFP_COLD"], highest: "HighMem"),
        Example(mask: "0x1200d2", era: "2.6.19-2.6.31", release: nil, layout: .c,
                names: ["GFP_HIGHUSER_MOVABLE"], highest: "Movable"),
        // D (2.6.31–4.3): the seed, RHEL 6 and RHEL 7 examples.
        Example(mask: "0x2084d0", era: "3.8-4.5", release: "3.14.24-wt-ldr-TC", layout: .d,
                names: ["GFP_KERNEL", "__GFP_REPEAT", "__GFP_ZERO", "__GFP_NOTRACK"], highest: "Normal"),
        Example(mask: "0x201da", era: "2.6.32-2.6.35", release: "2.6.32-71.el6.x86_64", layout: .d,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"], highest: "Movable"),
        Example(mask: "0x201da", era: "3.8-4.5", release: "3.10.0-514.6.1.el7.x86_64", layout: .d,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"], highest: "Movable"),
        Example(mask: "0x280da", era: "2.6.36-3.7", release: "2.6.32-642.el6.x86_64", layout: .d,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO"], highest: "Movable"),
        Example(mask: "0x84d0", era: "2.6.36-3.7", release: "2.6.32-642.11.1.el6.x86_64", layout: .d,
                names: ["GFP_KERNEL", "__GFP_REPEAT", "__GFP_ZERO"], highest: "Normal"),
        Example(mask: "0x800d0", era: "3.8-4.5", release: "3.14.0", layout: .d, names: ["GFP_TEMPORARY"],
                highest: "Normal"),
        // E (4.4).
        Example(mask: "0x24201ca", era: "3.8-4.5", release: "4.4.0-21-generic", layout: .e,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"], highest: "Movable"),
        // F (4.5–4.9).
        Example(mask: "0x24201ca", era: "4.6-4.9", release: nil, layout: .f,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_COLD"], highest: "Movable"),
        Example(mask: "0x24000c0", era: "4.6-4.9", release: "4.8.0-gentoo", layout: .f, names: ["GFP_KERNEL"],
                highest: "Normal"),
        // G (4.10–4.16).
        Example(mask: "0x14200ca", era: "4.10-4.20", release: "4.14.35", layout: .g, names: ["GFP_HIGHUSER_MOVABLE"],
                highest: "Movable"),
        Example(mask: "0x15000c0", era: "4.10-4.20", release: "4.15.0-108-generic", layout: .g,
                names: ["GFP_KERNEL_ACCOUNT"], highest: "Normal"),
        // H (4.17–5.0).
        Example(mask: "0x6200ca", era: "4.10-4.20", release: "4.19.0-16-amd64", layout: .h,
                names: ["GFP_HIGHUSER_MOVABLE"], highest: "Movable"),
        // I (5.1–5.13).
        Example(mask: "0x100cca", era: "5.1+", release: "5.4.17-2136.307.3.4.el8uek.x86_64", layout: .i,
                names: ["GFP_HIGHUSER_MOVABLE"], highest: "Movable"),
        Example(mask: "0xcc0", era: "5.1+", release: "5.13.0-19-generic", layout: .i, names: ["GFP_KERNEL"],
                highest: "Normal"),
        // J (5.14–5.17): SKIP_KASAN_POISON is part of GFP_HIGHUSER_MOVABLE.
        Example(mask: "0x1100cca", era: "5.1+", release: "5.15.158-2-pve", layout: .j,
                names: ["GFP_HIGHUSER_MOVABLE"], highest: "Movable"),
        // K (5.18–6.2).
        Example(mask: "0x140dca", era: "5.1+", release: "6.1.1-arch1-1", layout: .k,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO", "__GFP_COMP"], highest: "Movable"),
        Example(mask: "0x820", era: "5.1+", release: "6.1.0", layout: .k, names: ["GFP_NOWAIT", "__GFP_HIGH"],
                highest: "Normal"),
        // L (6.3–6.9): ATOMIC is gone, so 0x820 is GFP_ATOMIC.
        Example(mask: "0x820", era: "5.1+", release: "6.6.47", layout: .l, names: ["GFP_ATOMIC"], highest: "Normal"),
        // M (6.10+).
        Example(mask: "0x140dca", era: "6.11+", release: "6.16.9", layout: .m,
                names: ["GFP_HIGHUSER_MOVABLE", "__GFP_ZERO", "__GFP_COMP"], highest: "Movable"),
    ]

    @Test(arguments: workedExamples)
    func workedExampleDecodes(_ x: Example) throws {
        let mask = try #require(GFPDecoder.parseMask(x.mask))
        let d = GFPDecoder.decode(mask: mask, printed: nil, era: x.era, release: x.release)
        #expect(d.table.layout == x.layout)
        #expect(d.names == x.names)
        #expect(d.leftover == 0)
        #expect(d.highestZone == x.highest)
    }

    @Test func workedExamplesCoverAtLeastSixEras() {
        #expect(Set(Self.workedExamples.map(\.layout)).count == GFPLayout.allCases.count)
        #expect(Set(Self.workedExamples.compactMap(\.era)).count >= 6)
    }

    @Test func everyLayoutDecodesItsOwnCompositesAndBits() {
        for layout in GFPLayout.allCases {
            let table = GFPFlagTable(layout)
            for c in table.composites where c.mask != 0 {
                let names = GFPDecoder.names(c.mask, table: table).names
                // A composite decodes to names that cover exactly its bits (itself, or an earlier composite of
                // the same value, such as GFP_NOIO before __GFP_RECLAIM).
                let covered = names.compactMap(table.mask(of:)).reduce(UInt64(0), |)
                #expect(covered == c.mask, "\(layout) \(c.name)")
            }
            var seen: UInt64 = 0
            for b in table.bits {
                #expect(b.mask.nonzeroBitCount == 1, "\(layout) \(b.name)")
                #expect(seen & b.mask == 0, "\(layout) \(b.name) twice")
                seen |= b.mask
            }
            #expect(GFPDecoder.names(table.mask(of: "GFP_KERNEL")!, table: table).names == ["GFP_KERNEL"], "\(layout)")
        }
    }

    @Test func unknownBitsArePrintedInHex() {
        let table = GFPFlagTable(.a)
        let (names, leftover) = GFPDecoder.names(0x800d0, table: table)
        #expect(names == ["GFP_KERNEL", "0x80000"])
        #expect(leftover == 0x80000)
        // 6.10+ leaves the bits above ZEROTAGS unnamed.
        #expect(GFPDecoder.names(0x1000cc0, table: GFPFlagTable(.m)).names == ["GFP_KERNEL", "0x1000000"])
    }

    @Test func theLayoutWhoseNamesMatchThePrintedOnesWins() throws {
        // No release: 4.10–4.20 holds G and H; the printed names tell which.
        let h = GFPDecoder.decode(mask: 0x6200ca, printed: ["GFP_HIGHUSER_MOVABLE"], era: "4.10-4.20", release: nil)
        #expect(h.table.layout == .h && h.disagreements.isEmpty)
        let g = GFPDecoder.decode(mask: 0x14200ca, printed: ["GFP_HIGHUSER_MOVABLE"], era: "4.10-4.20", release: nil)
        #expect(g.table.layout == .g && g.disagreements.isEmpty)
        // A vendor release outside the era (RHEL 8's 4.18 printing 5.x lines) does not choose the layout.
        let rhel8 = GFPDecoder.decode(mask: 0x100cca, printed: ["GFP_HIGHUSER_MOVABLE"], era: "5.1+",
                                      release: "4.18.0-553.el8_10.x86_64")
        #expect(rhel8.table.layout == .i && rhel8.names == ["GFP_HIGHUSER_MOVABLE"])
        // RHEL 7's 3.10 numbers 0x100000 ACCOUNT.
        let el7 = GFPDecoder.decode(mask: 0x1000d0, printed: nil, era: "3.8-4.5", release: "3.10.0-1160.el7.x86_64")
        #expect(el7.names == ["GFP_KERNEL_ACCOUNT"])
        let upstream = GFPDecoder.decode(mask: 0x1000d0, printed: nil, era: "3.8-4.5", release: "3.14.1")
        #expect(upstream.names == ["GFP_KERNEL", "__GFP_KMEMCG"])
        // Printed names the layout understands are accepted in any order and grouping.
        let k = GFPDecoder.decode(mask: 0x140dca, printed: ["GFP_HIGHUSER_MOVABLE", "__GFP_COMP", "__GFP_ZERO"],
                                  era: "5.1+", release: "6.1.1-arch1-1")
        #expect(k.disagreements.isEmpty)
        // 6.10+ configuration-dependent names cover the bits the layout cannot name.
        let m = GFPDecoder.decode(mask: 0x1000cc0, printed: ["GFP_KERNEL", "__GFP_SKIP_ZERO"], era: "6.11+",
                                  release: "6.17.3")
        #expect(m.table.layout == .m && m.disagreements.isEmpty)
    }

    @Test func disagreementsWithThePrintedNamesAreFlagged() {
        // The mask has HIGHMEM, the printed list does not.
        let missing = GFPDecoder.decode(mask: 0x24000c2, printed: ["GFP_KERNEL"], era: "4.6-4.9", release: nil)
        #expect(missing.disagreements.count == 1)
        #expect(missing.disagreements.first?.contains("0x2") == true)
        #expect(missing.disagreements.first?.contains("__GFP_HIGHMEM") == true)
        // A printed name with bits the mask lacks, and a name no layout of the era knows.
        let extra = GFPDecoder.decode(mask: 0x24000c0, printed: ["GFP_KERNEL", "__GFP_ZERO", "__GFP_MADE_UP"],
                                      era: "4.6-4.9", release: "4.8.0")
        #expect(extra.disagreements.contains { $0.contains("__GFP_ZERO") && $0.contains("not set in the mask") })
        #expect(extra.disagreements.contains { $0.contains("__GFP_MADE_UP") && $0.contains("does not define") })
        // An empty printed list for a zero mask (a page-fault OOM) agrees.
        #expect(GFPDecoder.decode(mask: 0, printed: [], era: "5.1+", release: nil).disagreements.isEmpty)
    }

    @Test func zonesAMaskMayUse() {
        let d = GFPFlagTable(.d)
        #expect(GFPDecoder.highestZone(0x0, table: d) == "Normal")
        #expect(GFPDecoder.highestZone(0x1, table: d) == "DMA")
        #expect(GFPDecoder.highestZone(0x4, table: d) == "DMA32")
        #expect(GFPDecoder.highestZone(0x2, table: d) == "HighMem")
        #expect(GFPDecoder.highestZone(0x8, table: d) == "Normal")
        #expect(GFPDecoder.highestZone(0xa, table: d) == "Movable")
        #expect(GFPDecoder.highestZone(0x9, table: d) == "DMA")
        #expect(GFPDecoder.highestZone(0xc, table: d) == "DMA32")
        #expect(GFPDecoder.highestZone(0x3, table: d) == nil)
        #expect(GFPDecoder.highestZone(0x5, table: d) == nil)
        // 2.6.18: DMA before DMA32 before HighMem.
        let a = GFPFlagTable(.a)
        #expect(GFPDecoder.highestZone(0x3, table: a) == "DMA")
        #expect(GFPDecoder.highestZone(0x6, table: a) == "DMA32")
        // C: MOVABLE is 0x100000.
        #expect(GFPDecoder.highestZone(0x100002, table: GFPFlagTable(.c)) == "Movable")
    }

    @Test func releasesAndErasCompare() throws {
        let v = try #require(KernelVersion.parse("3.10.0-514.6.1.el7.x86_64"))
        #expect(v == KernelVersion(3, 10) && v.isWithin(era: "3.8-4.5") && !v.isWithin(era: "4.6-4.9"))
        #expect(KernelVersion.parse("2.6.32-642.el6.x86_64")!.isWithin(era: "2.6.32-2.6.35"))
        #expect(!KernelVersion.parse("2.6.32-642.el6.x86_64")!.isWithin(era: "2.6.36-3.7"))
        #expect(KernelVersion.parse("6.1.1-arch1-1")!.isWithin(era: "5.1+"))
        #expect(KernelVersion.parse("4.5.7")!.isWithin(era: "3.8-4.5"))
        #expect(KernelVersion.parse("abc") == nil)
        #expect(KernelVersion.isRHEL7("3.10.0-1160.el7.x86_64") && !KernelVersion.isRHEL7("3.10.0"))
        #expect(GFPLayout.forRelease(KernelVersion(4, 19)) == .h)
        #expect(GFPLayout.forRelease(KernelVersion(2, 6, 23)) == .b)
        #expect(GFPLayout.candidates(forEra: "3.8-4.5") == [.d, .e, .f])
        #expect(GFPLayout.candidates(forEra: "2.6.19-2.6.31") == [.a, .b, .c, .d])
        #expect(GFPLayout.candidates(forEra: "6.11+") == [.m])
    }
}
