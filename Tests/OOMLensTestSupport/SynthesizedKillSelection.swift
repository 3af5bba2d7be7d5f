/// The selection line of a synthesised report, `Kill process N (x) score S …` (kernels up to 5.0).
///
/// Its pid can differ from the victim's: up to 5.0 the kernel may kill a child of the selected task instead.
public struct SynthesizedKillSelection: Sendable, Equatable {
    public var pid: Int
    public var comm: String
    public var score: Int

    public init(pid: Int, comm: String, score: Int) {
        self.pid = pid
        self.comm = comm
        self.score = score
    }
}
