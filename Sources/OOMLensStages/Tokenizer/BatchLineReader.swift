import OOMLensCore

/// Tokenizes single lines of one batch for the tokenizer stage, in whatever order it asks for them.
struct BatchLineReader {
    let batch: LineBatch
    private let splitEscapes: Bool
    private let year: Int
    private let month: Int

    init(batch: LineBatch, splitEscapes: Bool) {
        self.batch = batch
        self.splitEscapes = splitEscapes
        year = batch.input.referenceYear
        month = batch.input.referenceMonth
    }

    /// The fields of line `i`, offsets relative to the batch.
    @inline(__always)
    func fields(_ i: Int) -> LineFields {
        let start = batch.starts[i]
        let line = UnsafeRawBufferPointer(start: batch.base + Int(start), count: Int(batch.ends[i] &- start))
        var f = LinePrefixParser.parse(line, referenceYear: year, referenceMonth: month)
        f.line = Int32(truncatingIfNeeded: i)
        // Offsets were relative to the line: make them relative to the batch.
        f.messageStart &+= start
        f.messageEnd &+= start
        if f.hostEnd > f.hostStart {
            f.hostStart &+= start
            f.hostEnd &+= start
        }
        if f.programEnd > f.programStart {
            f.programStart &+= start
            f.programEnd &+= start
        }
        return f
    }

    /// Appends the fields of line `i` (several when `#012` escapes split it) and counts its prefix format;
    /// returns the number of extra messages the split made.
    @inline(__always)
    func tokenize(_ i: Int, into fields: inout [LineFields], counts: inout [Int]) -> Int {
        let f = self.fields(i)
        counts[Int(f.format.rawValue)] &+= 1
        if splitEscapes, f.messageEnd &- f.messageStart >= 4 {
            return EscapeSplitter.append(f, batch: batch, to: &fields)
        }
        fields.append(f)
        return 0
    }

    /// The last line of `range` that sets the host a following bare continuation line is keyed by: a kernel line
    /// with at least one message (after `#012` splitting) that is not itself a bare continuation. Nil when there
    /// is none in `range`.
    func lastHostLine(in range: Range<Int>) -> Int? {
        var pieces: [LineFields] = []
        for i in range.reversed() {
            let f = fields(i)
            guard f.isKernel else { continue }
            if !Self.isBareContinuation(f) { return i }
            guard splitEscapes, f.messageEnd &- f.messageStart >= 4 else { continue }
            pieces.removeAll(keepingCapacity: true)
            _ = EscapeSplitter.append(f, batch: batch, to: &pieces)
            if pieces.contains(where: { !Self.isBareContinuation($0) }) { return i }
        }
        return nil
    }

    /// A message with no prefix that begins with white space: the assembler keys it by the line before it.
    @inline(__always)
    static func isBareContinuation(_ f: LineFields) -> Bool {
        f.format == .bare && f.flags & LineFields.continuation != 0
    }
}
