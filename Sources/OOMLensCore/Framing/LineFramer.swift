#if canImport(Glibc)
import Glibc
#endif

/// Cuts a byte stream into lines and hands them out in batches, without copying or allocating per line.
///
/// Line endings: a line ends at LF (0x0A); a CR (0x0D) right before the LF is dropped, so LF and CRLF files
/// give the same lines. A lone CR is an ordinary byte. A last line with no LF is delivered at the end of input.
/// A line longer than `maxLineBytes` is cut there: its first `maxLineBytes` bytes are delivered as the line and
/// the rest up to the next LF is skipped and counted. NUL bytes and invalid UTF-8 are ordinary bytes.
public final class LineFramer {
    /// Largest line delivered, in bytes.
    public let maxLineBytes: Int
    /// How much is read from the input at a time.
    public let readSize: Int
    /// Most lines in one batch.
    public let batchLines: Int

    private let buffer: UnsafeMutableRawBufferPointer
    private let starts: UnsafeMutableBufferPointer<Int32>
    private let ends: UnsafeMutableBufferPointer<Int32>

    /// Lines cut at `maxLineBytes`, and the bytes skipped after the cut.
    public private(set) var truncatedLines = 0
    public private(set) var truncatedBytes: Int64 = 0
    /// Lines and bytes delivered.
    public private(set) var lines = 0
    public private(set) var bytes: Int64 = 0

    public init(maxLineBytes: Int = 1 << 20, readSize: Int = 1 << 20, batchLines: Int = 8192) {
        self.maxLineBytes = max(16, maxLineBytes)
        self.readSize = max(4096, readSize)
        self.batchLines = max(1, batchLines)
        buffer = .allocate(byteCount: self.maxLineBytes + self.readSize + 1, alignment: 64)
        starts = .allocate(capacity: self.batchLines)
        ends = .allocate(capacity: self.batchLines)
    }

    deinit {
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    /// Reads `input` to its end and calls `body` once per batch of lines.
    ///
    /// The batch and its memory are valid only during the call. When the input throws, the lines read before the
    /// error (including a partial last line) are delivered first, then the error is rethrown.
    public func frame(_ input: InputStream, context: InputContext,
                      _ body: (LineBatch) -> Void) throws(PipelineError) {
        var filled = 0              // valid bytes in buffer
        var baseOffset: Int64 = 0   // decompressed offset of buffer[0]
        var lineNumber = 1
        var skipping = false        // inside the cut-off remainder of an over-long line
        let base = buffer.baseAddress!
        let ro = UnsafeRawPointer(base)

        func emit(_ count: Int) {
            guard count > 0 else { return }
            let batch = LineBatch(base: ro, starts: UnsafeBufferPointer(rebasing: starts[0..<count]),
                                  ends: UnsafeBufferPointer(rebasing: ends[0..<count]),
                                  firstLineNumber: lineNumber, baseOffset: baseOffset, input: context)
            body(batch)
            lineNumber += count
            lines += count
        }

        var failure: PipelineError?
        var atEnd = false
        while !atEnd {
            let room = buffer.count - 1 - filled
            let n: Int
            do {
                n = try input.read(into: UnsafeMutableRawBufferPointer(start: base + filled, count: min(room, readSize)))
            } catch {
                failure = error
                n = 0
            }
            if n == 0 { atEnd = true }
            bytes += Int64(n)
            var pos = 0
            let scanEnd = filled + n
            filled = scanEnd
            if skipping {
                // Drop bytes up to and including the next LF.
                if let nl = memchr(base, 0x0A, filled) {
                    let cut = base.distance(to: nl) + 1
                    truncatedBytes += Int64(cut)
                    pos = cut
                    skipping = false
                } else {
                    truncatedBytes += Int64(filled)
                    baseOffset += Int64(filled)
                    filled = 0
                    continue
                }
            }
            var count = 0
            while pos < scanEnd {
                guard let nl = memchr(base + pos, 0x0A, scanEnd - pos) else { break }
                let lf = base.distance(to: nl)
                var end = lf
                if end > pos, buffer[end - 1] == 0x0D { end -= 1 }
                if end - pos > maxLineBytes {
                    end = pos + maxLineBytes
                    truncatedLines += 1
                    truncatedBytes += Int64(lf - end)
                }
                starts[count] = Int32(pos)
                ends[count] = Int32(end)
                count += 1
                pos = lf + 1
                if count == batchLines {
                    emit(count)
                    count = 0
                }
            }
            emit(count)
            // Whatever is left is an unfinished line.
            let tail = filled - pos
            if atEnd {
                if tail > 0 && !skipping {
                    var end = filled
                    if end > pos, buffer[end - 1] == 0x0D { end -= 1 }
                    starts[0] = Int32(pos)
                    ends[0] = Int32(end)
                    emit(1)
                }
                break
            }
            if tail >= maxLineBytes {
                // An over-long line with no LF yet: deliver its head now, skip the rest.
                starts[0] = Int32(pos)
                ends[0] = Int32(pos + maxLineBytes)
                emit(1)
                truncatedLines += 1
                truncatedBytes += Int64(tail - maxLineBytes)
                skipping = true
                baseOffset += Int64(filled)
                filled = 0
                continue
            }
            if pos > 0 {
                if tail > 0 { memmove(base, base + pos, tail) }
                baseOffset += Int64(pos)
                filled = tail
            }
        }
        if let failure { throw failure }
    }
}
