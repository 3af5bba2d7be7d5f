#if canImport(Glibc)
import Glibc
#endif
import OOMLensCore

/// Splits a message at rsyslog's `#012` escapes (an embedded newline) into several messages.
enum EscapeSplitter {
    /// Appends `f` (or its pieces) to `out`; returns the number of extra messages made.
    @inline(__always)
    static func append(_ f: LineFields, batch: LineBatch, to out: inout [LineFields]) -> Int {
        let base = batch.base
        var pos = Int(f.messageStart)
        let end = Int(f.messageEnd)
        var pieceStart = pos
        var pieces = 0
        var current = f
        while pos + 4 <= end {
            guard let hash = memchr(base + pos, 0x23, end - 4 + 1 - pos) else { break }
            pos = UnsafeRawPointer(hash) - base
            if base.load(fromByteOffset: pos + 1, as: UInt8.self) == 0x30,
               base.load(fromByteOffset: pos + 2, as: UInt8.self) == 0x31,
               base.load(fromByteOffset: pos + 3, as: UInt8.self) == 0x32
            {
                current.messageStart = Int32(pieceStart)
                current.messageEnd = Int32(pos)
                out.append(current)
                pieces += 1
                pos += 4
                pieceStart = pos
                current = f
                current.flags |= LineFields.splitFromEscape
                current.flags &= ~LineFields.continuation
                // The piece after an escape is often indented: trim and mark it.
                var s = pieceStart
                while s < end, base.load(fromByteOffset: s, as: UInt8.self) == 0x20
                    || base.load(fromByteOffset: s, as: UInt8.self) == 0x09
                {
                    s += 1
                }
                if s > pieceStart { current.flags |= LineFields.continuation }
                pieceStart = s
                pos = s
                continue
            }
            pos += 1
        }
        current.messageStart = Int32(pieceStart)
        current.messageEnd = Int32(end)
        out.append(current)
        return pieces
    }
}
