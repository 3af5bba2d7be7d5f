import OOMLensSinkAPI

/// Decodes the free-area (buddy) lines: `[Node N ]<Zone>: <count>*<size>kB[ (<letters>)] … = <total>kB`
/// (kernel-oom-report-format.md §4.7), and `<Zone>: empty` (2.6.18).
///
/// The first size is the page size. Migrate-type letters (3.6+) belong to the count before them. The line is
/// matched to the zone line of the same node and zone; without one (a dump that shows only buddy lines) a
/// zone entry is made. Repairs: a pair broken by a stray space (`4*5 12kB`) is joined, and the fragments a
/// 4.9 kernel may print on lines of their own (`<N>*<N>kB …`, `(UME) …`, `= <N>kB`) continue the line
/// before them.
enum BuddyLineDecoder {
    /// A buddy line; `rest` is the text after the zone name, starting with the colon.
    /// - Returns: true when `rest` is a buddy list, `empty`, or nothing yet (a line cut after the colon).
    static func decodeBuddyLine(node: Int?, zone: Substring, rest: Substring, into event: inout OOMEvent,
                                state: inout DecodingState) -> Bool
    {
        guard rest.hasBytePrefix(":") else { return false }
        let body = TextParsing.trimmed(rest.dropFirst())
        var reader = BuddyListReader()
        reader.read(body)
        guard reader.hasPairs || body.isEmpty || body == "empty" else { return false }
        flush(into: &event, state: &state)
        let index = state.zoneDirectory.indexForBuddyLine(node: node, zone: zone, in: &event.zones)
        if body == "empty" {
            var empty = OOMEvent.Buddy()
            empty.empty = true
            event.zones[index].buddy = empty
            return true
        }
        state.lastBuddy = (index, reader)
        state.previous = .buddy
        return true
    }

    /// Writes the buddy list read last (with its fragments) to its zone.
    static func flush(into event: inout OOMEvent, state: inout DecodingState) {
        guard let last = state.lastBuddy else { return }
        state.lastBuddy = nil
        if last.reader.hasPairs, last.zoneIndex < event.zones.count {
            event.zones[last.zoneIndex].buddy = last.reader.result
        }
    }

    /// A fragment of the previous buddy line that the kernel printed on a line of its own.
    /// - Returns: true when `text` continued the previous buddy line.
    static func appendFragment(_ text: Substring, state: inout DecodingState) -> Bool {
        guard state.previous == .buddy, isFragment(text), var last = state.lastBuddy else { return false }
        state.lastBuddy = nil  // so that the reader's arrays are not shared while it reads
        last.reader.read(text)
        state.lastBuddy = last
        return true
    }

    /// `<N>*<N>kB…`, `(…`, or `= <N>kB`.
    private static func isFragment(_ text: Substring) -> Bool {
        if text.hasBytePrefix("(") || text.hasBytePrefix("= ") { return true }
        guard let first = TextParsing.tokens(text).first,
              let star = TextParsing.index(of: UInt8(ascii: "*"), in: first)
        else { return false }
        return TextParsing.isDigits(first[..<star]) && TextParsing.kilobytes(first[first.index(after: star)...]) != nil
    }
}
