/// The messages of a report as the reading thread keeps them: their bytes end to end and where each one lies.
/// Building a `String` per line is left to ``lines()``, which runs where the report is decoded.
struct ReportText: Sendable {
    /// Where one message lies in ``bytes``, and which log line it came from.
    private struct Entry: Sendable {
        var end: Int
        var continuation: Bool
        var lineNumber: Int
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    /// Messages held.
    var count: Int { entries.count }

    /// Appends one message (its bytes are copied).
    mutating func append(_ message: UnsafeRawBufferPointer, lineNumber: Int, continuation: Bool) {
        bytes.append(contentsOf: message)
        entries.append(Entry(end: bytes.count, continuation: continuation,
                             lineNumber: lineNumber))
    }

    /// The messages as decoder input, in the order they were appended.
    func lines() -> [ReportLine] {
        var result: [ReportLine] = []
        result.reserveCapacity(entries.count)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for entry in entries {
                let end = entry.end
                result.append(ReportLine(text: String(decoding: UnsafeBufferPointer(rebasing: all[start..<end]),
                                                      as: UTF8.self),
                                         lineNumber: entry.lineNumber, continuation: entry.continuation))
                start = end
            }
        }
        return result
    }
}
