import OOMLensSinkAPI

/// Finds the zone entry a zone line or buddy line belongs to, by node and zone name, in constant time.
///
/// A zone line makes a new entry unless a buddy line came first and made one for the same node and zone;
/// a buddy line fills the oldest entry of its node and zone that has no buddy list yet, or makes one (a dump
/// that shows only buddy lines). Entries are kept in `OOMEvent.zones` in the order they were made.
struct ZoneDirectory {
    private struct Key: Hashable {
        let node: Int?
        let zone: String
    }

    /// Entry indices per key, oldest first; `next` is the first one not yet taken.
    private struct Queue {
        var indices: [Int] = []
        var next = 0
    }

    private var awaitingZoneLine: [Key: Queue] = [:]
    private var awaitingBuddyLine: [Key: Queue] = [:]

    /// The index in `zones` for a zone line of `node` and `zone`, making the entry when needed.
    mutating func indexForZoneLine(node: Int?, zone: Substring, in zones: inout [OOMEvent.Zone]) -> Int {
        let key = Key(node: node, zone: String(zone))
        if let index = Self.take(key, from: &awaitingZoneLine) { return index }
        zones.append(OOMEvent.Zone(node: node, zone: key.zone))
        awaitingBuddyLine[key, default: Queue()].indices.append(zones.count - 1)
        return zones.count - 1
    }

    /// The index in `zones` for a buddy line of `node` and `zone`, making the entry when needed.
    mutating func indexForBuddyLine(node: Int?, zone: Substring, in zones: inout [OOMEvent.Zone]) -> Int {
        let key = Key(node: node, zone: String(zone))
        if let index = Self.take(key, from: &awaitingBuddyLine) { return index }
        zones.append(OOMEvent.Zone(node: node, zone: key.zone))
        awaitingZoneLine[key, default: Queue()].indices.append(zones.count - 1)
        return zones.count - 1
    }

    private static func take(_ key: Key, from queues: inout [Key: Queue]) -> Int? {
        guard let queue = queues[key], queue.next < queue.indices.count else { return nil }
        queues[key]?.next += 1
        return queue.indices[queue.next]
    }
}
