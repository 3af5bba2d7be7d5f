/// Recognises, in a few byte comparisons, the lines of a report that no decoder reads: call-trace frames
/// (`? __alloc_pages+0x30b/0x330 [mod]`), the trace markers (`<TASK>`, `Call Trace:`) and register dumps
/// (`RAX: …`, `Code: …`, `Hardware name: …`). A report holds dozens of them, and letting each fail every decoder
/// in turn cost more than decoding the lines that matter.
enum TraceLineFilter {
    private static let markers: [String] = ["<TASK>", "</TASK>", "<IRQ>", "</IRQ>", "<NMI>", "</NMI>", "<EOI>",
                                            "Call Trace:", "Call trace:"]
    private static let registerPrefixes: [String] = ["RIP: ", "RSP: ", "RAX: ", "RDX: ", "RBP: ", "R10: ", "R13: ",
                                                     "Code: ", "Hardware name: ", "CR2: ", "FS: ", "CS: "]

    /// True when `text` (trimmed) is a trace frame, a trace marker or a register line.
    static func matches(_ text: Substring) -> Bool {
        let verdict: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first else { return false }
            switch first {
            case UInt8(ascii: "<"), UInt8(ascii: "C"):
                if markers.contains(where: { text.utf8.elementsEqual($0.utf8) }) { return true }
                if first == UInt8(ascii: "C") { return registerPrefixes.contains { text.hasBytePrefix($0) } }
                return false
            case UInt8(ascii: "R"), UInt8(ascii: "H"), UInt8(ascii: "F"):
                if registerPrefixes.contains(where: { text.hasBytePrefix($0) }) { return true }
                return isFrame(bytes)
            default:
                return isFrame(bytes)
            }
        }
        return verdict ?? false
    }

    /// `[? ]symbol+0xHEX/0xHEX[ [module]]`.
    private static func isFrame(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if b.count >= 2, b[0] == UInt8(ascii: "?"), b[1] == 0x20 { i = 2 }
        let symbolStart = i
        while i < b.count, isSymbolByte(b[i]) { i += 1 }
        guard i > symbolStart, hexRun(b, &i, after: UInt8(ascii: "+")), hexRun(b, &i, after: UInt8(ascii: "/"))
        else { return false }
        if i == b.count { return true }
        guard b.count - i >= 4, b[i] == 0x20, b[i + 1] == UInt8(ascii: "["), b[b.count - 1] == UInt8(ascii: "]")
        else { return false }
        for j in (i + 2)..<(b.count - 1) where !isSymbolByte(b[j]) && b[j] != UInt8(ascii: "-") { return false }
        return true
    }

    /// Reads `<separator>0x` and one or more hex digits at `i`.
    private static func hexRun(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, after separator: UInt8) -> Bool {
        guard b.count - i >= 4, b[i] == separator, b[i + 1] == UInt8(ascii: "0"), b[i + 2] == UInt8(ascii: "x")
        else { return false }
        i += 3
        let start = i
        while i < b.count, isHexByte(b[i]) { i += 1 }
        return i > start
    }

    private static func isSymbolByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x5F || c == 0x2E || c == 0x24
    }

    private static func isHexByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
    }
}
