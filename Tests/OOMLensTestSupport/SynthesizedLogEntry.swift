/// One message of a synthesised log before it gets a prefix: a kernel printk (one or more lines) or a line
/// of another program.
public enum SynthesizedLogEntry: Sendable, Equatable {
    /// A kernel message of `host`; the lines after the first continue the same printk.
    case kernel(host: String, lines: [SynthesizedKernelLine])
    /// A line of another program on `host`.
    case program(host: String, line: NoiseLine)

    /// Groups kernel lines into printk messages (a line that continues a printk joins the message before it).
    public static func kernelMessages(_ lines: [SynthesizedKernelLine], host: String) -> [SynthesizedLogEntry] {
        var entries: [SynthesizedLogEntry] = []
        var current: [SynthesizedKernelLine] = []
        for line in lines {
            if !line.continuesPrintk, !current.isEmpty {
                entries.append(.kernel(host: host, lines: current))
                current = []
            }
            current.append(line)
        }
        if !current.isEmpty { entries.append(.kernel(host: host, lines: current)) }
        return entries
    }
}
