import OOMLensCore
import OOMLensSinkAPI

/// Splits every line into its prefix fields (time, host, program, pid, kernel `[seconds]`) and the message.
///
/// It writes one ``LineFields`` per line into `context.fields`, or several when rsyslog's `#012` escapes join
/// several kernel lines into one. It reads bytes only and allocates nothing per line. In a batch run whose later
/// stages declared what they act on (``LineInterest``), it finds the lines holding their keywords with a SIMD scan
/// of the whole batch and leaves the others untokenized while no report is open.
public final class TokenizerStage: RegisteredLineStage {
    /// Options of the tokenizer.
    public struct Options: ComponentOptions {
        /// Split messages at rsyslog's `#012` (an escaped newline).
        public var splitEscapes: Bool = true
        /// In a batch run, tokenize only the lines a later stage can act on: those holding one of its keywords,
        /// and every line while it holds an open report.
        public var skipNoise: Bool = true
        public init() {}
        public static var documentation: [String: String] {
            [
                "split_escapes": "Split a message at rsyslog's #012 escapes into several messages.",
                "skip_noise": "In a batch run, tokenize only lines that hold a keyword of the assembler (and every line while a report is open); false tokenizes every line.",
            ]
        }
    }

    public static let name = "tokenizer"
    public static let summary = "Splits lines into time, host, program, pid, kernel timestamp and message"

    private let splitEscapes: Bool
    private let skipNoise: Bool
    private var counts = [Int](repeating: 0, count: LinePrefixFormat.allCases.count)
    private var skipped = 0
    private var cachedScanner: KeywordScanner?
    private var cachedScannerFor: [ObjectIdentifier] = []

    public init(options: Options) {
        splitEscapes = options.splitEscapes
        skipNoise = options.skipNoise
    }

    public var lineNeeds: LineNeeds { .ownFields }

    public func process(_ batch: LineBatch, _ context: StageContext) {
        // Work on locals: class properties cost an exclusivity check per access.
        var fields = context.fields
        context.fields = []
        fields.removeAll(keepingCapacity: true)
        var counts = self.counts
        var split = 0
        var reader = BatchLineReader(batch: batch, splitEscapes: splitEscapes)
        if skipNoise, !context.live, !context.lineInterests.isEmpty,
           context.lineInterests.allSatisfy({ !$0.needsEveryLine }), let scanner = scanner(for: context.lineInterests)
        {
            let from = tokenizeCandidates(reader: &reader, scanner: scanner, interests: context.lineInterests,
                                          fields: &fields, counts: &counts, split: &split)
            skipped &+= from.skipped
            for i in from.fullFrom..<batch.count { split &+= reader.tokenize(i, into: &fields, counts: &counts) }
        } else {
            for i in 0..<batch.count { split &+= reader.tokenize(i, into: &fields, counts: &counts) }
        }
        self.counts = counts
        context.fields = fields
        context.count("tokenizer: messages split at #012", split)
    }

    /// Tokenizes only the lines that hold a keyword of `interests`, until one of them is relevant to an interest;
    /// returns the line from which every line must be tokenized (the batch's end when none was relevant) and how
    /// many lines were left untokenized.
    ///
    /// The assembler keys a bare continuation line by the host of the kernel line before it. So when a candidate
    /// is one, the nearest kernel line before it that is not one is tokenized too, and so is that of the lines left
    /// at the end of the batch, for a candidate at the start of the next.
    private func tokenizeCandidates(reader: inout BatchLineReader, scanner: KeywordScanner,
                                    interests: [any LineInterest], fields: inout [LineFields], counts: inout [Int],
                                    split: inout Int) -> (fullFrom: Int, skipped: Int)
    {
        let batch = reader.batch
        let count = batch.count
        guard count > 0 else { return (0, 0) }
        var next = 0  // first line not looked at yet
        var skipped = 0
        let batchEnd = Int(batch.ends[count - 1])
        var searchFrom = Int(batch.starts[0])
        while next < count, let hit = scanner.firstMatch(in: batch.base, from: searchFrom, to: batchEnd) {
            var line = next
            while line < count, Int(batch.ends[line]) <= hit { line += 1 }
            guard line < count else { break }
            if hit < Int(batch.starts[line]) {  // in the cut-off tail of an over-long line
                searchFrom = Int(batch.starts[line])
                continue
            }
            let before = fields.count
            split &+= reader.tokenize(line, into: &fields, counts: &counts)
            var relevant = false
            for f in fields[before...] where f.isKernel {
                let message = batch.bytes(f.messageStart, f.messageEnd)
                if interests.contains(where: { $0.isRelevant(message) }) { relevant = true }
            }
            // The line's first message is keyed by the line before it: give the assembler that line too.
            let keyedByEarlierLine = fields.count > before && fields[before].isKernel
                && BatchLineReader.isBareContinuation(fields[before])
            if keyedByEarlierLine, let host = reader.lastHostLine(in: next..<line) {
                let candidate = Array(fields[before...])
                fields.removeSubrange(before...)
                split &+= reader.tokenize(host, into: &fields, counts: &counts)
                fields.append(contentsOf: candidate)
                skipped &+= line - next - 1
            } else {
                skipped &+= line - next
            }
            next = line + 1
            if relevant { return (next, skipped) }
            guard next < count else { break }
            searchFrom = Int(batch.starts[next])
        }
        if next < count {
            skipped &+= count - next
            // For a bare continuation at the start of the next batch. In a log with kernel lines this is a few lines
            // back; in one without any, the untokenized tail is parsed backwards to its start.
            if let host = reader.lastHostLine(in: next..<count) {
                split &+= reader.tokenize(host, into: &fields, counts: &counts)
                skipped &-= 1
            }
        }
        return (count, skipped)
    }

    /// The keyword scanner for `interests`, made once.
    private func scanner(for interests: [any LineInterest]) -> KeywordScanner? {
        let identities = interests.map { ObjectIdentifier($0) }
        if let cachedScanner, cachedScannerFor == identities { return cachedScanner }
        var keywords: [LineKeyword] = []
        for interest in interests { for k in interest.keywords where !keywords.contains(k) { keywords.append(k) } }
        cachedScanner = KeywordScanner(keywords)
        cachedScannerFor = identities
        return cachedScanner
    }

    public func endOfStream(_ context: StageContext) {
        for format in LinePrefixFormat.allCases where counts[Int(format.rawValue)] > 0 {
            context.count("tokenizer: lines tokenized, prefix \(format)", counts[Int(format.rawValue)])
        }
        counts = [Int](repeating: 0, count: counts.count)
        context.count("tokenizer: lines left untokenized (no keyword, no report open)", skipped)
        skipped = 0
    }
}
