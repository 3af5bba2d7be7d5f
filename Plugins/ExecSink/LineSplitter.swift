/// Cuts a byte stream into lines at `\n`, keeping at most `maxLineBytes` of each line.
///
/// Bytes after the limit are dropped up to the next newline, so one endless line cannot use up memory. Lines are
/// decoded as UTF-8 with invalid bytes replaced.
struct LineSplitter {
    let maxLineBytes: Int
    private var pending: [UInt8] = []

    init(maxLineBytes: Int = 4096) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds bytes and calls `line` for every complete line, without its newline.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ line: (String) -> Void) {
        for byte in bytes {
            if byte == 0x0A {
                line(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else if pending.count < maxLineBytes {
                pending.append(byte)
            }
        }
    }

    /// Calls `line` for a last line that had no newline, if any.
    mutating func finish(_ line: (String) -> Void) {
        if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
        pending.removeAll()
    }
}
