/// How a log file prefixes each kernel line: the syslog, journal, dmesg and kmsg layouts the tokenizer reads.
public enum LogPrefixStyle: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `Feb  2 04:10:01 host kernel: …` (rsyslog/syslog-ng, journalctl `short`).
    case traditionalSyslog
    /// `Feb  2 04:10:01 host kernel: [ 1234.567890] …` (syslog of a kernel that prints its timestamp).
    case traditionalSyslogWithUptime
    /// `Feb  2 04:10:01 host user.warn kernel: …` (busybox syslogd).
    case busybox
    /// `2024-02-02T04:10:01.123456+00:00 host kernel: …` (RFC 3339 rsyslog, journalctl `short-iso-precise`).
    case isoSyslog
    /// `<4>1 2024-02-02T04:10:01.123456+00:00 host kernel - - - …` (RFC 5424).
    case rfc5424
    /// `Feb 02 04:10:01.123456 host kernel: …` (journalctl `short-precise`).
    case journalShortPrecise
    /// `[ 1234.567890] host kernel: …` (journalctl `short-monotonic`).
    case journalShortMonotonic
    /// `[ 1234.567890] …` (dmesg, or `dmesg -r` without the level).
    case dmesg
    /// `[Fri Feb  2 04:10:01 2024] …` (dmesg -T, English names).
    case dmesgHuman
    /// `[Fr Feb  2 04:10:01 2024] …` (dmesg -T in a German locale: localised day and month names).
    case dmesgHumanGerman
    /// `2024-02-02T04:10:01,123456+00:00 …` (dmesg --time-format=iso).
    case dmesgISO
    /// `4,123,1234567890,-;…` (records read from /dev/kmsg).
    case kmsg
    /// No prefix at all: the kernel text as copied from a console or a ticket.
    case bare
    /// Traditional syslog where rsyslog escaped the newlines of multi-line printks as `#012`.
    case rsyslogEscapedNewlines

    public var description: String { rawValue }

    /// True when every line names its host, so events should carry it.
    public var carriesHost: Bool {
        switch self {
        case .dmesg, .dmesgHuman, .dmesgHumanGerman, .dmesgISO, .kmsg, .bare: false
        default: true
        }
    }

    /// True when the format holds lines of any program (a syslog file or the journal).
    public var carriesSyslogPrograms: Bool { carriesHost }

    /// True when the format holds the kernel ring buffer, which also receives the lines that programs such as
    /// systemd-journald write to /dev/kmsg; `dmesg` and kmsg show them as `program[pid]: …`.
    public var carriesKernelRingWriters: Bool { self == .dmesg || self == .kmsg }

    /// How the second and later lines of a multi-line printk appear.
    public var multiLinePrintk: MultiLinePrintk {
        switch self {
        case .rsyslogEscapedNewlines: .escapedInFirstLine
        case .journalShortPrecise, .journalShortMonotonic, .dmesgHuman, .dmesgHumanGerman: .indentedWithoutPrefix
        default: .eachWithPrefix
        }
    }

    /// The shapes a multi-line printk takes in a log.
    public enum MultiLinePrintk: Sendable {
        /// Every line gets the full prefix (syslog fed from /proc/kmsg, raw dmesg).
        case eachWithPrefix
        /// The later lines have no prefix and are indented to the message column (journalctl, dmesg -T).
        case indentedWithoutPrefix
        /// All lines are one log line, joined with rsyslog's `#012` escape.
        case escapedInFirstLine
    }
}
