/// The wall clock of a generated log, counted in milliseconds from the start of the corpus.
///
/// The corpus starts on 1 March 2025 at 00:00:00 (UTC) and spans at most 300 days, so it never crosses a year
/// boundary and every stamp sorts after the one before it. The clock prints the traditional syslog stamp
/// (`Mar  1 00:00:01`), the nginx access-log stamp and an RFC 3339 stamp for daemons that log their own time.
struct SyslogClock {
    /// Day of the year (0-based) of the corpus start: 1 March in a non-leap year.
    static let firstDayOfYear = 59
    /// The year printed in stamps that carry one.
    static let year = 2025
    /// Longest time a corpus may span, so that it stays inside one year.
    static let maximumSpanMilliseconds: Int64 = 300 * 86_400_000

    private static let monthNames: [[UInt8]] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ].map { Array($0.utf8) }
    private static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// Milliseconds since the start of the corpus.
    private(set) var milliseconds: Int64
    /// The latest time this clock may reach (the end of the current file's time slot).
    private let limit: Int64

    private var cachedSecond: Int64 = -1
    private var month = 0
    private var dayOfMonth = 1
    private var hour = 0
    private var minute = 0
    private var second = 0

    init(startMilliseconds: Int64, limitMilliseconds: Int64) {
        milliseconds = startMilliseconds
        limit = max(startMilliseconds, limitMilliseconds)
    }

    /// Moves the clock forward, never past the limit.
    mutating func advance(by delta: Int64) {
        milliseconds = min(milliseconds + max(delta, 0), limit)
    }

    /// Appends `Mon dd HH:MM:SS` (the day space-padded, as syslog prints it).
    mutating func appendSyslogStamp(to buffer: inout TextBuffer) {
        refresh()
        buffer.append(Self.monthNames[month])
        buffer.append(byte: UInt8(ascii: " "))
        buffer.appendDecimal(dayOfMonth, width: 2)
        buffer.append(byte: UInt8(ascii: " "))
        appendTimeOfDay(to: &buffer)
    }

    /// Appends `01/Mar/2025:00:00:01 +0000`, the nginx access-log stamp.
    mutating func appendAccessLogStamp(to buffer: inout TextBuffer) {
        refresh()
        buffer.appendZeroPadded(dayOfMonth, digits: 2)
        buffer.append(byte: UInt8(ascii: "/"))
        buffer.append(Self.monthNames[month])
        buffer.append(byte: UInt8(ascii: "/"))
        buffer.appendDecimal(Self.year)
        buffer.append(byte: UInt8(ascii: ":"))
        appendTimeOfDay(to: &buffer)
        buffer.append(" +0000")
    }

    /// Appends `2025-03-01T00:00:01.123`, an RFC 3339 stamp with milliseconds (the caller adds any zone).
    mutating func appendISOStamp(to buffer: inout TextBuffer) {
        refresh()
        buffer.appendDecimal(Self.year)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendZeroPadded(month + 1, digits: 2)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.appendZeroPadded(dayOfMonth, digits: 2)
        buffer.append(byte: UInt8(ascii: "T"))
        appendTimeOfDay(to: &buffer)
        buffer.append(byte: UInt8(ascii: "."))
        buffer.appendZeroPadded(Int(milliseconds % 1000), digits: 3)
    }

    /// Appends `0301 00:00:01.123`, the date and time of a klog (Kubernetes) line header, without the
    /// severity letter and the microseconds.
    mutating func appendKlogStamp(to buffer: inout TextBuffer) {
        refresh()
        buffer.appendZeroPadded(month + 1, digits: 2)
        buffer.appendZeroPadded(dayOfMonth, digits: 2)
        buffer.append(byte: UInt8(ascii: " "))
        appendTimeOfDay(to: &buffer)
        buffer.append(byte: UInt8(ascii: "."))
        buffer.appendZeroPadded(Int(milliseconds % 1000), digits: 3)
    }

    /// Seconds since the Unix epoch of the current time (for `audit(…)` stamps).
    var unixSeconds: Int64 {
        // 2025-01-01T00:00:00Z is 1735689600.
        1_735_689_600 + Int64(Self.firstDayOfYear) * 86_400 + milliseconds / 1000
    }

    private func appendTimeOfDay(to buffer: inout TextBuffer) {
        buffer.appendZeroPadded(hour, digits: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.appendZeroPadded(minute, digits: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.appendZeroPadded(second, digits: 2)
    }

    private mutating func refresh() {
        let wholeSeconds = milliseconds / 1000
        guard wholeSeconds != cachedSecond else { return }
        cachedSecond = wholeSeconds
        var day = Self.firstDayOfYear + Int(wholeSeconds / 86_400)
        let secondOfDay = Int(wholeSeconds % 86_400)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        month = 0
        while month < 11 && day >= Self.monthLengths[month] {
            day -= Self.monthLengths[month]
            month += 1
        }
        dayOfMonth = day + 1
    }
}
