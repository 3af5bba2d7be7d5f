#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process reported through `wait4(2)`: its status, times, peak memory and any output
/// the bench captured.
struct ChildOutcome: Sendable {
    /// The raw wait status.
    var waitStatus: Int32
    /// Wall-clock time from just before the child started to the return of `wait4`.
    var wallSeconds: Double
    /// User and system CPU time of the child and of the descendants it waited for.
    var userSeconds: Double
    var systemSeconds: Double
    /// `ru_maxrss` in KiB: the largest resident set of the child or of any descendant it waited for
    /// (Linux reports the maximum over the process and its reaped children).
    var maxResidentKiB: Int
    /// Captured standard output, standard error and report pipe (empty unless the stream was a pipe).
    var standardOutput: [UInt8] = []
    var standardError: [UInt8] = []
    var report: [UInt8] = []

    init(waitStatus: Int32, wallSeconds: Double, userSeconds: Double, systemSeconds: Double, maxResidentKiB: Int) {
        self.waitStatus = waitStatus
        self.wallSeconds = wallSeconds
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.maxResidentKiB = maxResidentKiB
    }

    init(waitStatus: Int32, wallSeconds: Double, usage: rusage) {
        self.init(waitStatus: waitStatus, wallSeconds: wallSeconds,
                  userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                  systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
                  maxResidentKiB: Int(usage.ru_maxrss))
    }

    /// The exit code when the child exited normally.
    var exitCode: Int32? {
        waitStatus & 0x7f == 0 ? (waitStatus >> 8) & 0xff : nil
    }

    /// The signal that ended the child, if one did.
    var terminatingSignal: Int32? {
        let signal = waitStatus & 0x7f
        return signal != 0 && signal != 0x7f ? signal : nil
    }

    /// `0`, `2`, `signal 9`.
    var statusDescription: String {
        if let exitCode { return "\(exitCode)" }
        if let terminatingSignal { return "signal \(terminatingSignal)" }
        return "status \(waitStatus)"
    }

    var cpuSeconds: Double { userSeconds + systemSeconds }
    var maxResidentMB: Double { Double(maxResidentKiB) * 1024 / 1e6 }
}
