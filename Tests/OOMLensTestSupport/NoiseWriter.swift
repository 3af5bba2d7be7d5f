/// Lines of programs other than the kernel, to mix into synthesised logs: they must never start, end or join
/// an OOM report, even those that talk about memory, OOM kills or "Killed process".
public enum NoiseWriter {
    /// Ordinary syslog traffic and look-alikes: sshd, CRON, systemd, systemd-oomd, earlyoom, a Java
    /// OutOfMemoryError, a node-problem-detector status that quotes a kernel kill line, a supervisor message.
    public static let syslogLines: [NoiseLine] = [
        NoiseLine(program: "sshd", pid: 2211, facility: 4,
                  message: "Accepted publickey for deploy from 10.0.4.17 port 51234 ssh2: ED25519 SHA256:q3d9Zr1kXb0"),
        NoiseLine(program: "sshd", pid: 2211, facility: 4,
                  message: "pam_unix(sshd:session): session opened for user deploy(uid=1000) by (uid=0)"),
        NoiseLine(program: "CRON", pid: 3312, facility: 9,
                  message: "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"),
        NoiseLine(program: "systemd", pid: 1, message: "Started Session 42 of User deploy."),
        NoiseLine(program: "systemd-oomd", pid: 612, facility: 3, severity: 5,
                  message: "Killed /user.slice/user-1000.slice/user@1000.service/app.slice/app-firefox.scope due to "
                      + "memory pressure for /user.slice/user-1000.slice/user@1000.service being 72.41% > 50.00% for > "
                      + "20s with reclaim activity"),
        NoiseLine(program: "earlyoom", pid: 700, severity: 4,
                  message: "mem avail:   112 of  7822 MiB ( 1.43%), swap free:    0 of    0 MiB ( 0.00%)"),
        NoiseLine(program: "earlyoom", pid: 700, severity: 3,
                  message: "low memory! at or below SIGTERM limits: mem 10.00%, swap 10.00%"),
        NoiseLine(program: "earlyoom", pid: 700, severity: 3,
                  message: "sending SIGTERM to process 4512 uid 1000 \"java\": badness 870, VmRSS 6532 MiB"),
        NoiseLine(program: "java", pid: 4512, facility: 1, severity: 3,
                  message: "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"),
        NoiseLine(program: "node-problem-detector", pid: 812, severity: 4,
                  message: "I0202 04:10:03.127812     812 log_monitor.go:160] New status generated: "
                      + "&{Source:kernel-monitor Events:[{Severity:warn Reason:OOMKilling Message:Killed process 1 (x) "
                      + "total-vm:0kB, anon-rss:0kB, file-rss:0kB}] Conditions:[]}"),
        NoiseLine(program: "systemd", pid: 1, severity: 5,
                  message: "app.service: A process of this unit has been killed by the OOM killer."),
        NoiseLine(program: "systemd", pid: 1, severity: 5,
                  message: "app.service: Main process exited, code=killed, status=9/KILL"),
        NoiseLine(program: "supervisord", pid: 955, facility: 1,
                  message: "Out of memory: Kill process 77 (worker) score 10 or sacrifice child "
                      + "(quoted by a watchdog)"),
        NoiseLine(program: "postfix/smtpd", pid: 18_220, facility: 2,
                  message: "connect from mail-oi1-f170.google.com[209.85.167.170]"),
    ]

    /// Lines that programs write to /dev/kmsg, so that they appear in `dmesg` and kmsg dumps too.
    public static let kernelRingLines: [NoiseLine] = [
        NoiseLine(program: "systemd-journald", pid: 312, severity: 6,
                  message: "Under memory pressure, flushing caches.", writesToKernelLog: true),
        NoiseLine(program: "systemd", pid: 1, severity: 5,
                  message: "app.service: A process of this unit has been killed by the OOM killer.",
                  writesToKernelLog: true),
        NoiseLine(program: "systemd", pid: 1, severity: 6,
                  message: "Started Daily apt download activities.", writesToKernelLog: true),
    ]

    /// The noise lines that `style` can hold: any program in syslog-like styles, /dev/kmsg writers in dmesg and
    /// kmsg, none in the others (they show the kernel's own text only).
    public static func lines(for style: LogPrefixStyle) -> [NoiseLine] {
        if style.carriesSyslogPrograms { return syslogLines + kernelRingLines }
        if style.carriesKernelRingWriters { return (syslogLines + kernelRingLines).filter(\.writesToKernelLog) }
        return []
    }

    /// `count` noise messages of `host` picked with `random` from the lines `style` can hold.
    public static func entries(count: Int, host: String, style: LogPrefixStyle,
                               random: inout SynthSeededRandom) -> [SynthesizedLogEntry] {
        let pool = lines(for: style)
        guard !pool.isEmpty else { return [] }
        return (0..<count).map { _ in .program(host: host, line: random.pick(pool)) }
    }
}
