/// The prefix format the tokenizer recognised on a line.
public enum LinePrefixFormat: UInt8, Sendable, CaseIterable {
    /// No prefix: bare kernel text.
    case bare
    /// `Feb  2 04:10:01 host kernel: …`, also journalctl `short`, and busybox `host user.warn kernel:`.
    case traditionalSyslog
    /// `2024-01-21T08:41:30.123+00:00 host kernel: …` (RFC 3339 syslog, journalctl `short-iso`/`short-iso-precise`).
    case isoSyslog
    /// `<13>1 2024-01-21T08:41:30Z host kernel - - - …`.
    case rfc5424
    /// `Jan 21 08:41:30.123456 host kernel: …` (journalctl `short-precise`).
    case journalPrecise
    /// `[ 1234.567890] host kernel: …` (journalctl `short-monotonic`).
    case journalMonotonic
    /// `[ 1234.567890] …` (dmesg), possibly after a `<L>` level.
    case dmesg
    /// `[Mon Aug 12 03:54:03 2025] …` (dmesg -T, any locale).
    case dmesgHuman
    /// `2024-01-21T08:41:30,287197+00:00 …` or `kern  :warn  : 2024-…` (dmesg --time-format=iso, --decode).
    case dmesgISO
    /// `6,22743,6115623303887,-;…` (/dev/kmsg records).
    case kmsg
}

/// A wall-clock time as printed, packed without allocation. `year == 0` means the prefix had no year and the
/// tokenizer could not infer one; `month == 0` means no wall time at all.
public struct PackedTime: Sendable, Equatable {
    public var year: Int16 = 0
    public var month: UInt8 = 0
    public var day: UInt8 = 0
    public var hour: UInt8 = 0
    public var minute: UInt8 = 0
    public var second: UInt8 = 0
    /// True when the prefix gave an offset from UTC.
    public var hasOffset: Bool = false
    /// Offset from UTC in minutes.
    public var offsetMinutes: Int16 = 0
    public var nanoseconds: UInt32 = 0

    public init() {}

    /// True when a wall time was read.
    @inlinable public var isSet: Bool { month != 0 }
}

/// What the tokenizer found on one line (or on one `#012`-separated message of a line).
///
/// Offsets are relative to the batch's `base`. A range with `start == end` is absent.
public struct LineFields: Sendable {
    /// Index of the line in its batch.
    public var line: Int32 = 0
    public var messageStart: Int32 = 0
    public var messageEnd: Int32 = 0
    public var hostStart: Int32 = 0
    public var hostEnd: Int32 = 0
    public var programStart: Int32 = 0
    public var programEnd: Int32 = 0
    /// Process id in `program[pid]:`, or -1.
    public var pid: Int32 = -1
    public var format: LinePrefixFormat = .bare
    public var flags: UInt8 = 0
    /// Kernel timestamp `[seconds.micros]` in microseconds, or -1.
    public var uptimeMicros: Int64 = -1
    public var time = PackedTime()

    public init() {}

    /// Set on every message after the first one that a `#012` escape split off the same line.
    public static let splitFromEscape: UInt8 = 1
    /// Set when the message is a continuation: it began with white space (trimmed from the range).
    public static let continuation: UInt8 = 2
    /// Set when the line's prefix named the kernel as the program (`kernel:`), or the format carries only
    /// kernel messages (dmesg, kmsg).
    public static let fromKernel: UInt8 = 4

    @inlinable public var hasHost: Bool { hostEnd > hostStart }
    @inlinable public var isKernel: Bool { flags & Self.fromKernel != 0 }
}
