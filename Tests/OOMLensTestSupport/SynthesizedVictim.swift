/// The task a synthesised report kills: what its `Killed process` line (and the `oom-kill:` summary) print.
public struct SynthesizedVictim: Sendable, Equatable {
    public var pid: Int
    public var comm: String
    public var uid: Int
    public var totalVMKB: Int64
    public var anonRSSKB: Int64
    public var fileRSSKB: Int64
    public var shmemRSSKB: Int64
    public var pgtablesKB: Int64
    public var oomScoreAdj: Int

    public init(pid: Int, comm: String, uid: Int, totalVMKB: Int64, anonRSSKB: Int64, fileRSSKB: Int64,
                shmemRSSKB: Int64 = 0, pgtablesKB: Int64, oomScoreAdj: Int = 0) {
        self.pid = pid
        self.comm = comm
        self.uid = uid
        self.totalVMKB = totalVMKB
        self.anonRSSKB = anonRSSKB
        self.fileRSSKB = fileRSSKB
        self.shmemRSSKB = shmemRSSKB
        self.pgtablesKB = pgtablesKB
        self.oomScoreAdj = oomScoreAdj
    }
}
