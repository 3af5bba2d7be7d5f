/// Writes the traditional syslog prefix `Mon dd HH:MM:SS host program[pid]: ` that starts every generated line.
enum SyslogPrefix {
    /// Appends `Mon dd HH:MM:SS host program[pid]: ` (without `[pid]` when `pid` is nil).
    static func append(to buffer: inout TextBuffer, clock: inout SyslogClock, host: HostProfile,
                       program: StaticString, pid: Int?)
    {
        clock.appendSyslogStamp(to: &buffer)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(string: host.name)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(program)
        if let pid {
            buffer.append(byte: UInt8(ascii: "["))
            buffer.appendDecimal(pid)
            buffer.append(byte: UInt8(ascii: "]"))
        }
        buffer.append(": ")
    }

    /// Appends `Mon dd HH:MM:SS host kernel: ` and, when the host's rsyslog keeps it, the kernel's
    /// `[%5lu.%06lu] ` uptime stamp.
    static func appendKernel(to buffer: inout TextBuffer, clock: inout SyslogClock, host: HostProfile,
                             uptimeMicroseconds: Int64)
    {
        append(to: &buffer, clock: &clock, host: host, program: "kernel", pid: nil)
        guard host.printsUptime else { return }
        buffer.append(byte: UInt8(ascii: "["))
        buffer.appendDecimal(Int(uptimeMicroseconds / 1_000_000), width: 5)
        buffer.append(byte: UInt8(ascii: "."))
        buffer.appendZeroPadded(Int(uptimeMicroseconds % 1_000_000), digits: 6)
        buffer.append("] ")
    }

    /// The kernel uptime of `host` at the clock's current time, with a random sub-millisecond part.
    static func uptimeMicroseconds(host: HostProfile, clock: SyslogClock, random: inout SeededRandom) -> Int64 {
        (host.bootedSecondsBeforeStart * 1000 + clock.milliseconds) * 1000 + Int64(random.below(1000))
    }
}
