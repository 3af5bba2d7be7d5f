/// The task that triggered a synthesised OOM report and the allocation it was making.
public struct SynthesizedTrigger: Sendable, Equatable {
    /// The task name (up to 15 bytes; may hold spaces, slashes, colons and parentheses).
    public var comm: String
    public var pid: Int
    /// The CPU the CPU line names (3.10+).
    public var cpu: Int
    /// The allocation mask in hex, as the kernel prints it: `0x201da`.
    public var gfpMask: String
    /// The flag names printed in brackets after the mask from 4.6 on, such as `["GFP_HIGHUSER_MOVABLE"]`.
    public var gfpFlagNames: [String]
    /// The allocation order (0–3; −1 for a manual OOM).
    public var order: Int
    /// `oom_score_adj` (3.8+ and RHEL 6).
    public var oomScoreAdj: Int
    /// `oom_adj` (RHEL 6) or `oomkilladj` (2.6.19–2.6.31).
    public var oomAdj: Int

    public init(comm: String, pid: Int, cpu: Int = 0, gfpMask: String, gfpFlagNames: [String] = [], order: Int = 0,
                oomScoreAdj: Int = 0, oomAdj: Int = 0) {
        self.comm = comm
        self.pid = pid
        self.cpu = cpu
        self.gfpMask = gfpMask
        self.gfpFlagNames = gfpFlagNames
        self.order = order
        self.oomScoreAdj = oomScoreAdj
        self.oomAdj = oomAdj
    }
}
