import OOMLensCore
import OOMLensSinkAPI

/// Splits every line into its prefix fields (time, host, program, pid, kernel `[seconds]`) and the message.
///
/// It writes one ``LineFields`` per line into `context.fields`, or several when rsyslog's `#012` escapes join
/// several kernel lines into one. It reads bytes only and allocates nothing per line.
public final class TokenizerStage: RegisteredLineStage {
    /// Options of the tokenizer.
    public struct Options: ComponentOptions {
        /// Split messages at rsyslog's `#012` (an escaped newline).
        public var splitEscapes: Bool = true
        public init() {}
        public static var documentation: [String: String] {
            ["split_escapes": "Split a message at rsyslog's #012 escapes into several messages."]
        }
    }

    public static let name = "tokenizer"
    public static let summary = "Splits lines into time, host, program, pid, kernel timestamp and message"

    private let splitEscapes: Bool
    private var counts = [Int](repeating: 0, count: LinePrefixFormat.allCases.count)

    public init(options: Options) {
        splitEscapes = options.splitEscapes
    }

    public func process(_ batch: LineBatch, _ context: StageContext) {
        // Work on locals: class properties cost an exclusivity check per access.
        var fields = context.fields
        context.fields = []
        fields.removeAll(keepingCapacity: true)
        var counts = self.counts
        let year = batch.input.referenceYear
        let month = batch.input.referenceMonth
        var split = 0
        for i in 0..<batch.count {
            let start = batch.starts[i]
            let line = UnsafeRawBufferPointer(start: batch.base + Int(start), count: Int(batch.ends[i] &- start))
            var f = LinePrefixParser.parse(line, referenceYear: year, referenceMonth: month)
            f.line = Int32(truncatingIfNeeded: i)
            counts[Int(f.format.rawValue)] &+= 1
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
            if splitEscapes, f.messageEnd &- f.messageStart >= 4 {
                split &+= EscapeSplitter.append(f, batch: batch, to: &fields)
            } else {
                fields.append(f)
            }
        }
        self.counts = counts
        context.fields = fields
        context.count("tokenizer: messages split at #012", split)
    }

    public func endOfStream(_ context: StageContext) {
        for format in LinePrefixFormat.allCases where counts[Int(format.rawValue)] > 0 {
            context.count("lines with prefix \(format)", counts[Int(format.rawValue)])
        }
        counts = [Int](repeating: 0, count: counts.count)
    }
}
