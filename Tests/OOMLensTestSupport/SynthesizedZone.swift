/// One memory zone of a synthesised Mem-Info block: its zone line, `lowmem_reserve[]:` line and buddy line.
///
/// All sizes are kB except `lowmemReservePages` (pages) and `freeBlocks` (counts of free blocks per order).
/// A zone with `presentKB == 0` is unpopulated: 2.6.18 prints it with `per-cpu: empty` and `<Zone>: empty`.
public struct SynthesizedZone: Sendable, Equatable {
    /// The NUMA node (`Node N ` before the zone name), or nil on kernels built without NUMA.
    public var node: Int?
    /// `DMA`, `DMA32`, `Normal`, `HighMem` or `Movable`.
    public var name: String
    public var freeKB: Int64
    public var minKB: Int64
    public var lowKB: Int64
    public var highKB: Int64
    public var presentKB: Int64
    public var managedKB: Int64
    /// One entry per configured zone type, in pages.
    public var lowmemReservePages: [Int64]
    /// Free blocks of order 0, 1, 2, … (usually 11 orders).
    public var freeBlocks: [Int64]
    /// Migrate-type letters per order (`"UME"`), nil for an order with no letters; used where the era prints them.
    public var migrateTypes: [String?]
    public var allUnreclaimable: Bool
    /// `pages_scanned:` (printed up to 4.7).
    public var pagesScanned: Int64

    public init(node: Int?, name: String, freeKB: Int64, minKB: Int64, lowKB: Int64, highKB: Int64,
                presentKB: Int64, managedKB: Int64, lowmemReservePages: [Int64], freeBlocks: [Int64],
                migrateTypes: [String?] = [], allUnreclaimable: Bool = false, pagesScanned: Int64 = 0) {
        self.node = node
        self.name = name
        self.freeKB = freeKB
        self.minKB = minKB
        self.lowKB = lowKB
        self.highKB = highKB
        self.presentKB = presentKB
        self.managedKB = managedKB
        self.lowmemReservePages = lowmemReservePages
        self.freeBlocks = freeBlocks
        self.migrateTypes = migrateTypes
        self.allUnreclaimable = allUnreclaimable
        self.pagesScanned = pagesScanned
    }

    /// True when the zone has memory.
    public var isPopulated: Bool { presentKB > 0 }

    /// The buddy line's total: the sum of count × block size.
    public func buddyTotalKB(pageSizeKB: Int64) -> Int64 {
        var total: Int64 = 0
        for (order, count) in freeBlocks.enumerated() { total += count * (pageSizeKB << Int64(order)) }
        return total
    }
}
