import OOMLensSinkAPI

/// Decodes the per-zone lines of the Mem-Info block and the `lowmem_reserve[]:` line after each
/// (kernel-oom-report-format.md §4.5–4.6).
enum ZoneLineDecoder {
    /// The zone names the kernel prints (`enum zone_type` names of every architecture surveyed).
    static let zoneNames: [String] = ["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device"]

    /// Splits `<Zone><rest>` when `text` starts with a zone name followed by a space or a colon.
    static func splitZoneName(_ text: Substring) -> (zone: Substring, rest: Substring)? {
        guard let first = text.utf8.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
              let end = text.utf8.firstIndex(where: { $0 == 0x20 || $0 == 0x3A }) else { return nil }
        let name = text[..<end]
        guard zoneNames.contains(where: { name.utf8.elementsEqual($0.utf8) }) else { return nil }
        return (name, text[end...])
    }

    /// A zone line; `rest` is the text after the zone name (` free:NkB min:NkB …`). Every `name:NkB` field
    /// goes to the named properties or `fields_kb`, unit-less fields (`pages_scanned`) to `fields`.
    /// - Returns: true when `rest` holds zone fields.
    static func decodeZoneLine(node: Int?, zone: Substring, rest: Substring, into event: inout OOMEvent,
                               state: inout DecodingState) -> Bool
    {
        guard rest.hasBytePrefix(" free:") else { return false }
        let bag = KeyValueBag(rest)
        let index = state.zoneDirectory.indexForZoneLine(node: node, zone: zone, in: &event.zones)
        apply(bag, to: &event.zones[index])
        state.lastZoneIndex = index
        state.previous = .zone
        if let key = bag.danglingKey { state.pendingKey = (.zone(index: index), key) }
        return true
    }

    /// Adds the values of `bag` to `zone` (also used for the second half of a line broken in two).
    static func apply(_ bag: KeyValueBag, to zone: inout OOMEvent.Zone) {
        for (key, value) in bag.kilobytes {
            switch key {
            case "free": zone.free_kb = value
            case "min": zone.min_kb = value
            case "low": zone.low_kb = value
            case "high": zone.high_kb = value
            case "present": zone.present_kb = value
            case "managed": zone.managed_kb = value
            default: zone.fields_kb[key] = value
            }
        }
        for (key, value) in bag.counts { zone.fields[key] = value }
        if let flag = bag.allUnreclaimable { zone.all_unreclaimable = flag }
    }

    /// `lowmem_reserve[]: 0 0 9257 9257` (or the old `protections[]: …`), in pages, for the zone line
    /// before it. A reserve line with no zone line before it is recognised but dropped.
    /// - Returns: true when `text` is a reserve line.
    static func decodeReserveLine(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        let body: Substring
        if text.hasBytePrefix("lowmem_reserve[]:") {
            body = text.dropFirst("lowmem_reserve[]:".count)
        } else if text.hasBytePrefix("protections[]:") {
            body = text.dropFirst("protections[]:".count)
        } else {
            return false
        }
        state.previous = .lowmemReserve
        guard let index = state.lastZoneIndex else { return true }
        event.zones[index].lowmem_reserve_pages = TextParsing.tokens(body).compactMap(TextParsing.integer)
        return true
    }

    /// Numbers split off a reserve line onto the next line (4.9 continuation rules): `text` is all integers.
    /// - Returns: true when they were added to the last zone's reserve.
    static func appendReserveFragment(_ text: Substring, into event: inout OOMEvent, state: DecodingState) -> Bool {
        guard state.previous == .lowmemReserve, let index = state.lastZoneIndex else { return false }
        let tokens = TextParsing.tokens(text)
        guard !tokens.isEmpty, tokens.allSatisfy(TextParsing.isDigits) else { return false }
        if event.zones[index].lowmem_reserve_pages == nil { event.zones[index].lowmem_reserve_pages = [] }
        event.zones[index].lowmem_reserve_pages?.append(contentsOf: tokens.compactMap(TextParsing.integer))
        return true
    }
}
