import OOMLensSinkAPI

/// Decodes the unreclaimable-slab dump (4.15+, kernel-oom-report-format.md §4.10): `Unreclaimable slab info:`,
/// the `Name  Used  Total` header, then `%-17s %10luKB %10luKB` per cache until a line of another shape.
enum SlabInfoDecoder {
    /// The opener, and the line printed instead of the table.
    /// - Returns: true when `text` is one of them.
    static func decodeOpener(_ text: Substring, state: inout DecodingState) -> Bool {
        if text.hasBytePrefix("Unreclaimable slab info:") {
            state.inSlabTable = true
            return true
        }
        return text.hasBytePrefix("excessive unreclaimable slab but cannot dump stats")
    }

    /// A header or row of the table, read only while it is open.
    /// - Returns: true when `text` belongs to the table; false closes it.
    static func decodeRow(_ text: Substring, into event: inout OOMEvent, state: inout DecodingState) -> Bool {
        let tokens = TextParsing.tokens(text)
        if tokens.count == 3, tokens[0] == "Name", tokens[1] == "Used", tokens[2] == "Total" { return true }
        guard tokens.count >= 3,
              let used = TextParsing.kilobytes(tokens[tokens.count - 2]),
              let total = TextParsing.kilobytes(tokens[tokens.count - 1])
        else {
            state.inSlabTable = false
            return false
        }
        let name = TextParsing.trimmed(text[..<tokens[tokens.count - 2].startIndex])
        if event.unreclaimable_slab == nil { event.unreclaimable_slab = [] }
        event.unreclaimable_slab?.append(OOMEvent.SlabCache(name: String(name), used_kb: used, total_kb: total))
        return true
    }
}
