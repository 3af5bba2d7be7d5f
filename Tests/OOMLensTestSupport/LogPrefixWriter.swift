/// Renders synthesised log messages as the lines of a log file in one ``LogPrefixStyle``.
///
/// Time moves forward as lines are written: a few microseconds per kernel line, a quarter second per line of
/// another program. Each host has its own kernel uptime. Multi-line printks take the shape the style gives them
/// (see ``LogPrefixStyle/multiLinePrintk``); /dev/kmsg records are written one per kernel line.
public struct LogPrefixWriter {
    public let style: LogPrefixStyle
    /// The wall time of the next line.
    public private(set) var clock: LogPrefixClock
    /// Microseconds added after each kernel line and after each program line.
    public var kernelLineStepMicros: Int64 = 37
    public var programLineStepMicros: Int64 = 250_000
    private let uptimeStartMicros: Int64
    private var uptimeOffsets: [String: Int64] = [:]
    private var elapsedMicros: Int64 = 0
    private var kmsgSequence = 48_211

    /// A writer whose first line is at `start` (UTC) and whose first host has been up for `uptimeMicros`.
    public init(style: LogPrefixStyle,
                start: LogPrefixClock = LogPrefixClock(year: 2024, month: 2, day: 2, hour: 4, minute: 10, second: 1,
                                                       micros: 123_456),
                uptimeMicros: Int64 = 1_234_567_890) {
        self.style = style
        clock = start
        uptimeStartMicros = uptimeMicros
    }

    /// The lines of `entries`, in order.
    public mutating func render(_ entries: [SynthesizedLogEntry]) -> [String] {
        entries.flatMap { render($0) }
    }

    /// The lines of one message: one line, or several for a multi-line printk.
    public mutating func render(_ entry: SynthesizedLogEntry) -> [String] {
        switch entry {
        case .program(let host, let line):
            let text = programPrefix(host: host, line: line) + line.message
            advance(programLineStepMicros)
            return [text]
        case .kernel(let host, let lines):
            var out: [String] = []
            var firstPrefixWidth = 0
            for (i, line) in lines.enumerated() {
                if i > 0, style.multiLinePrintk == .eachWithPrefix {
                    out.append(kernelPrefix(host: host, level: line.level) + line.text)
                } else if i > 0, style.multiLinePrintk == .indentedWithoutPrefix {
                    out.append(String(repeating: " ", count: firstPrefixWidth) + line.text)
                } else if i > 0 {
                    out[out.count - 1] += "#012" + line.text
                } else {
                    let prefix = kernelPrefix(host: host, level: line.level)
                    firstPrefixWidth = prefix.count
                    out.append(prefix + line.text)
                }
                advance(kernelLineStepMicros)
            }
            return out
        }
    }

    /// The text of a log file: the lines, each ended by a newline.
    public static func fileText(_ lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    // MARK: - prefixes

    private mutating func advance(_ micros: Int64) {
        elapsedMicros += micros
        clock.epochMicros += micros
    }

    /// Kernel uptime of `host` now, in microseconds.
    private mutating func uptime(_ host: String) -> Int64 {
        // Every further host was booted about a day earlier than the one before.
        let offset = uptimeOffsets[host] ?? Int64(uptimeOffsets.count) * 86_401_000_017
        uptimeOffsets[host] = offset
        return uptimeStartMicros + offset + elapsedMicros
    }

    /// `[%5lu.%06lu]`, as printk prints its timestamp.
    private func uptimeText(_ micros: Int64) -> String {
        let fraction = String(micros % 1_000_000)
        let seconds = ReportSynthesizer.pad(micros / 1_000_000, 5)
        return "[" + seconds + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "]"
    }

    private mutating func kernelPrefix(host: String, level: Int) -> String {
        switch style {
        case .traditionalSyslog, .rsyslogEscapedNewlines:
            return "\(syslogTime()) \(host) kernel: "
        case .traditionalSyslogWithUptime:
            return "\(syslogTime()) \(host) kernel: \(uptimeText(uptime(host))) "
        case .busybox:
            return "\(syslogTime()) \(host) user.\(Self.severityNames[level]) kernel: "
        case .isoSyslog:
            return "\(isoTime(fractionSeparator: ".")) \(host) kernel: "
        case .rfc5424:
            return "<\(level)>1 \(isoTime(fractionSeparator: ".")) \(host) kernel - - - "
        case .journalShortPrecise:
            return "\(journalTime()) \(host) kernel: "
        case .journalShortMonotonic:
            return "\(uptimeText(uptime(host))) \(host) kernel: "
        case .dmesg:
            return "\(uptimeText(uptime(host))) "
        case .dmesgHuman:
            return "[\(humanTime(german: false))] "
        case .dmesgHumanGerman:
            return "[\(humanTime(german: true))] "
        case .dmesgISO:
            return "\(isoTime(fractionSeparator: ",")) "
        case .kmsg:
            kmsgSequence += 1
            return "\(level),\(kmsgSequence),\(uptime(host)),-;"
        case .bare:
            return ""
        }
    }

    private mutating func programPrefix(host: String, line: NoiseLine) -> String {
        let priority = line.facility * 8 + line.severity
        switch style {
        case .traditionalSyslog, .traditionalSyslogWithUptime, .rsyslogEscapedNewlines:
            return "\(syslogTime()) \(host) \(line.tag): "
        case .busybox:
            return "\(syslogTime()) \(host) \(Self.facilityNames[line.facility]).\(Self.severityNames[line.severity]) "
                + "\(line.tag): "
        case .isoSyslog:
            return "\(isoTime(fractionSeparator: ".")) \(host) \(line.tag): "
        case .rfc5424:
            return "<\(priority)>1 \(isoTime(fractionSeparator: ".")) \(host) \(line.program) "
                + "\(line.pid.map(String.init) ?? "-") - - "
        case .journalShortPrecise:
            return "\(journalTime()) \(host) \(line.tag): "
        case .journalShortMonotonic:
            return "\(uptimeText(uptime(host))) \(host) \(line.tag): "
        case .dmesg:
            return "\(uptimeText(uptime(host))) \(line.tag): "
        case .dmesgHuman:
            return "[\(humanTime(german: false))] \(line.tag): "
        case .dmesgHumanGerman:
            return "[\(humanTime(german: true))] \(line.tag): "
        case .dmesgISO:
            return "\(isoTime(fractionSeparator: ",")) \(line.tag): "
        case .kmsg:
            kmsgSequence += 1
            return "\(priority),\(kmsgSequence),\(uptime(host)),-;\(line.tag): "
        case .bare:
            return "\(line.tag): "
        }
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let germanMonthNames = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov",
                                           "Dez"]
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let germanDayNames = ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"]
    static let severityNames = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"]
    static let facilityNames = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
                                "authpriv"]

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func clockText(_ t: LogPrefixClock.Parts) -> String {
        "\(two(t.hour)):\(two(t.minute)):\(two(t.second))"
    }

    private func micros(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// `Feb  2 04:10:01`.
    private func syslogTime() -> String {
        let t = clock.parts
        return "\(Self.monthNames[t.month - 1]) \(ReportSynthesizer.pad(t.day, 2)) \(clockText(t))"
    }

    /// `Feb 02 04:10:01.123456`.
    private func journalTime() -> String {
        let t = clock.parts
        return "\(Self.monthNames[t.month - 1]) \(two(t.day)) \(clockText(t)).\(micros(t.micros))"
    }

    /// `2024-02-02T04:10:01.123456+00:00`.
    private func isoTime(fractionSeparator: String) -> String {
        let t = clock.parts
        return "\(t.year)-\(two(t.month))-\(two(t.day))T\(clockText(t))\(fractionSeparator)\(micros(t.micros))+00:00"
    }

    /// `Fri Feb  2 04:10:01 2024`.
    private func humanTime(german: Bool) -> String {
        let t = clock.parts
        let day = (german ? Self.germanDayNames : Self.dayNames)[t.weekday]
        let month = (german ? Self.germanMonthNames : Self.monthNames)[t.month - 1]
        return "\(day) \(month) \(ReportSynthesizer.pad(t.day, 2)) \(clockText(t)) \(t.year)"
    }
}
