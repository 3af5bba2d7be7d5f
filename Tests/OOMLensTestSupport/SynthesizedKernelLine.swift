/// One line of kernel text (no log prefix) of a synthesised report.
public struct SynthesizedKernelLine: Sendable, Equatable {
    /// The text as the kernel prints it, including any leading space (trace frames, counter continuations).
    public var text: String
    /// True when the line is part of the same printk as the line before it: a multi-line message such as the
    /// global counters block or the cgroup-v2 memory.stat dump. rsyslog joins such lines with `#012`,
    /// journalctl and `dmesg -T` print them indented without a prefix.
    public var continuesPrintk: Bool
    /// The console log level (0–7): 3 for `pr_err`, 4 for `pr_warn`, 6 for `pr_info`.
    public var level: Int

    public init(_ text: String, continuesPrintk: Bool = false, level: Int = 6) {
        self.text = text
        self.continuesPrintk = continuesPrintk
        self.level = level
    }
}
