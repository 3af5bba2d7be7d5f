#if canImport(Glibc)
import Glibc
#endif

/// Cuts a byte stream into lines and hands them out in batches, without copying or allocating per line.
///
/// Line endings: a line ends at LF (0x0A); a CR (0x0D) right before the LF is dropped, so LF and CRLF files
/// give the same lines. A lone CR is an ordinary byte. A last line with no LF is delivered at the end of input.
/// A line longer than `maxLineBytes` is cut there: its first `maxLineBytes` bytes are delivered as the line and
/// the rest up to the next LF is skipped and counted. NUL bytes and invalid UTF-8 are ordinary bytes.
///
/// Two ways to use it:
/// - batch: ``frame(_:context:_:)`` reads an input to its end;
/// - incremental (follow mode): ``begin(_:offset:lineNumber:)`` once per input, then ``pump(maxBytes:_:_:)``
///   whenever bytes may be available; the framer keeps an unfinished last line between calls, and
///   ``deliverPartialLine(_:)`` hands it out when the caller decides it has waited long enough. The bytes that
///   later complete such a line are delivered as a line of their own, except a bare line ending, which is dropped.
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
    /// Lines delivered without their line feed: the last line of an input, or a partial line handed out by
    /// ``deliverPartialLine(_:)``.
    public private(set) var unterminatedLines = 0
    /// Batches handed out holding `batchLines` lines: the queue between the reader and the stages was full, and
    /// reading waited for the stages (backpressure).
    public private(set) var fullBatches = 0

    // Incremental state: the input being framed and where its unfinished bytes stand.
    private var input: InputContext?
    /// Valid bytes in `buffer`: the start of a line that has no LF yet.
    private var filled = 0
    /// Decompressed offset of `buffer[0]` in the input.
    private var baseOffset: Int64 = 0
    /// Line number of the next line delivered.
    private var lineNumber = 1
    /// Inside the cut-off remainder of an over-long line.
    private var skipping = false
    /// Where the over-long line being skipped began, and its number.
    private var skippedLineOffset: Int64 = 0
    private var skippedLineNumber = 1
    /// A partial line was delivered early: the bytes up to the next LF continue it.
    private var continuesDeliveredLine = false

    /// Largest `maxLineBytes` and `readSize` accepted: batch offsets are 32-bit, so the buffer stays under 2 GiB.
    public static let largestSetting = 1 << 29

    /// Sizes outside 16 B (4 KB for reads, 1 line per batch) … ``largestSetting`` are clamped to that range.
    public init(maxLineBytes: Int = 1 << 20, readSize: Int = 1 << 20, batchLines: Int = 1024) {
        self.maxLineBytes = min(max(16, maxLineBytes), Self.largestSetting)
        self.readSize = min(max(4096, readSize), Self.largestSetting)
        self.batchLines = min(max(1, batchLines), 1 << 20)
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
    public func frame(_ input: some DecompressedInput, context: InputContext,
                      _ body: (LineBatch) -> Void) throws(PipelineError) {
        begin(context)
        var failure: PipelineError?
        do {
            try pump({ (chunk: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int in
                try input.read(into: chunk)
            }, body)
        } catch {
            failure = error
        }
        deliverPartialLine(body)
        self.input = nil
        if let failure { throw failure }
    }

    // MARK: - incremental framing

    /// Starts framing `context` at decompressed byte `offset`, whose line is number `lineNumber`. Bytes still
    /// pending from the previous input are dropped: deliver them first with ``deliverPartialLine(_:)``.
    public func begin(_ context: InputContext, offset: Int64 = 0, lineNumber: Int = 1) {
        input = context
        filled = 0
        baseOffset = offset
        self.lineNumber = max(1, lineNumber)
        skipping = false
        continuesDeliveredLine = false
    }

    /// The input being framed, if ``begin(_:offset:lineNumber:)`` was called.
    public var currentInput: InputContext? { input }

    /// True when bytes of an unfinished line are waiting for their LF.
    public var hasPartialLine: Bool { filled > 0 && !skipping }

    /// Decompressed offset of the first byte not yet delivered as part of a line: where reading must start again
    /// to lose nothing. While the rest of an over-long line is skipped, the start of that line.
    public var resumeOffset: Int64 { skipping ? skippedLineOffset : baseOffset }

    /// Number of the line that starts at ``resumeOffset``.
    public var resumeLineNumber: Int { skipping ? skippedLineNumber : lineNumber }

    /// Decompressed bytes of the current input read so far (delivered or pending).
    public var readOffset: Int64 { baseOffset + Int64(filled) }

    /// Reads with `read` until it returns 0 (nothing more now) or `maxBytes` were read, delivering every complete
    /// line; the unfinished last line stays pending. Returns true when `read` returned 0.
    ///
    /// - Throws: what `read` throws; the lines complete before the failure have been delivered.
    @discardableResult
    public func pump(maxBytes: Int = .max, _ read: (UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int,
                     _ body: (LineBatch) -> Void) throws(PipelineError) -> Bool {
        guard let context = input else { return true }
        let base = buffer.baseAddress!
        var total = 0
        while total < maxBytes {
            let room = buffer.count - 1 - filled
            let n = try read(UnsafeMutableRawBufferPointer(start: base + filled, count: min(room, readSize)))
            if n == 0 { return true }
            total += n
            bytes += Int64(n)
            scan(newBytes: n, context, body)
        }
        return false
    }

    /// Delivers the pending unfinished line, if any, as a line (its trailing CR dropped). Returns true when it did.
    @discardableResult
    public func deliverPartialLine(_ body: (LineBatch) -> Void) -> Bool {
        guard let context = input, filled > 0, !skipping else { return false }
        var end = filled
        if buffer[end - 1] == 0x0D { end -= 1 }
        starts[0] = 0
        ends[0] = Int32(end)
        emit(1, context, body)
        unterminatedLines += 1
        baseOffset += Int64(filled)
        filled = 0
        continuesDeliveredLine = true
        return true
    }

    /// Drops the pending bytes without delivering them; ``resumeOffset`` stays where they began.
    public func discardPending() {
        filled = 0
        skipping = false
        continuesDeliveredLine = false
    }

    // MARK: - scanning

    private func emit(_ count: Int, _ context: InputContext, _ body: (LineBatch) -> Void) {
        guard count > 0 else { return }
        let batch = LineBatch(base: UnsafeRawPointer(buffer.baseAddress!),
                              starts: UnsafeBufferPointer(rebasing: starts[0..<count]),
                              ends: UnsafeBufferPointer(rebasing: ends[0..<count]),
                              firstLineNumber: lineNumber, baseOffset: baseOffset, input: context)
        body(batch)
        if count == batchLines { fullBatches += 1 }
        lineNumber += count
        lines += count
    }

    /// Frames the `n` bytes just read after the pending ones.
    private func scan(newBytes n: Int, _ context: InputContext, _ body: (LineBatch) -> Void) {
        let base = buffer.baseAddress!
        var pos = 0
        let scanEnd = filled + n
        filled = scanEnd
        if skipping {
            // Drop bytes up to and including the next LF.
            if let nl = memchr(base, 0x0A, filled) {
                let cut = base.distance(to: nl) + 1
                // The bytes up to the LF, as for a line cut inside one read.
                truncatedBytes += Int64(cut - 1)
                pos = cut
                skipping = false
            } else {
                truncatedBytes += Int64(filled)
                baseOffset += Int64(filled)
                filled = 0
                return
            }
        }
        var count = 0
        while pos < scanEnd {
            guard let nl = memchr(base + pos, 0x0A, scanEnd - pos) else { break }
            let lf = base.distance(to: nl)
            var end = lf
            if end > pos, buffer[end - 1] == 0x0D { end -= 1 }
            if continuesDeliveredLine {
                continuesDeliveredLine = false
                if end == pos {
                    // Only the line ending of a line already delivered as partial.
                    pos = lf + 1
                    continue
                }
            }
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
                emit(count, context, body)
                count = 0
            }
        }
        emit(count, context, body)
        // Whatever is left is an unfinished line.
        let tail = filled - pos
        if tail >= maxLineBytes {
            // An over-long line with no LF yet: deliver its head now, skip the rest.
            skippedLineOffset = baseOffset + Int64(pos)
            skippedLineNumber = lineNumber
            starts[0] = Int32(pos)
            ends[0] = Int32(pos + maxLineBytes)
            emit(1, context, body)
            continuesDeliveredLine = false
            truncatedLines += 1
            truncatedBytes += Int64(tail - maxLineBytes)
            skipping = true
            baseOffset += Int64(filled)
            filled = 0
            return
        }
        if pos > 0 {
            if tail > 0 { memmove(base, base + pos, tail) }
            baseOffset += Int64(pos)
            filled = tail
        }
    }
}
