/// A log line of a program other than the kernel, used as noise around and inside OOM reports.
public struct NoiseLine: Sendable, Equatable {
    /// The program name as syslog prints it (`sshd`, `CRON`, `systemd-oomd`).
    public var program: String
    /// The process id in `program[pid]:`, or nil for programs logged without one.
    public var pid: Int?
    /// The syslog facility number (3 = daemon, 4 = auth, 9 = cron, 1 = user).
    public var facility: Int
    /// The syslog severity (0–7).
    public var severity: Int
    public var message: String
    /// True when the program also writes to /dev/kmsg, so its lines show up in `dmesg` and kmsg dumps.
    public var writesToKernelLog: Bool

    public init(program: String, pid: Int?, facility: Int = 3, severity: Int = 6, message: String,
                writesToKernelLog: Bool = false) {
        self.program = program
        self.pid = pid
        self.facility = facility
        self.severity = severity
        self.message = message
        self.writesToKernelLog = writesToKernelLog
    }

    /// `program[pid]` or `program`.
    public var tag: String { pid.map { "\(program)[\($0)]" } ?? program }
}
