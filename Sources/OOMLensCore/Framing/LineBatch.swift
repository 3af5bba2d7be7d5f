/// The input a batch of lines came from, shared by all batches of that input.
public final class InputContext: Sendable {
    /// The path as the user gave it, or `-`.
    public let path: String
    /// Position of the input in the run (0-based).
    public let index: Int
    /// The rotation set the input belongs to.
    public let stem: String
    /// Year and month of the file's modification time (or of now, for stdin), for prefixes that print no year.
    public let referenceYear: Int
    public let referenceMonth: Int

    public init(path: String, index: Int, stem: String, referenceYear: Int, referenceMonth: Int) {
        self.path = path
        self.index = index
        self.stem = stem
        self.referenceYear = referenceYear
        self.referenceMonth = referenceMonth
    }
}

/// A run of complete lines inside one chunk of decompressed bytes, valid only during the call that receives it.
///
/// Line `i` is `base[starts[i] ..< ends[i]]`: the line feed, and a carriage return before it, are not part of it.
/// A line longer than the framer's cap holds its first `cap` bytes only.
public struct LineBatch {
    /// Start of the chunk the offsets refer to.
    public let base: UnsafeRawPointer
    public let starts: UnsafeBufferPointer<Int32>
    public let ends: UnsafeBufferPointer<Int32>
    /// 1-based line number of line 0 in its input's decompressed stream.
    public let firstLineNumber: Int
    /// Decompressed byte offset of `base` in the input.
    public let baseOffset: Int64
    /// Where the lines came from.
    public let input: InputContext

    public init(base: UnsafeRawPointer, starts: UnsafeBufferPointer<Int32>, ends: UnsafeBufferPointer<Int32>,
                firstLineNumber: Int, baseOffset: Int64, input: InputContext) {
        self.base = base
        self.starts = starts
        self.ends = ends
        self.firstLineNumber = firstLineNumber
        self.baseOffset = baseOffset
        self.input = input
    }

    /// Number of lines.
    @inlinable public var count: Int { starts.count }

    /// The bytes of line `i`, without its line ending.
    @inlinable public subscript(i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + Int(starts[i]), count: Int(ends[i] &- starts[i]))
    }

    /// The bytes between two offsets of the chunk.
    @inlinable public func bytes(_ start: Int32, _ end: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + Int(start), count: Int(end &- start))
    }
}
