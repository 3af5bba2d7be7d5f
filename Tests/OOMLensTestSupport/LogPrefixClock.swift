import OOMLensSinkAPI

/// A UTC wall-clock time in microseconds since 1970, with the calendar arithmetic the prefix writer needs.
public struct LogPrefixClock: Sendable, Equatable {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var epochMicros: Int64

    public init(epochMicros: Int64) {
        self.epochMicros = epochMicros
    }

    /// A clock at the given UTC date and time.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, micros: Int = 0) {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        epochMicros = seconds * 1_000_000 + Int64(micros)
    }

    /// A broken-down UTC time.
    public struct Parts: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
        public var micros: Int
        /// 0 = Sunday … 6 = Saturday.
        public var weekday: Int
    }

    /// The broken-down time.
    public var parts: Parts {
        let seconds = epochMicros >= 0 ? epochMicros / 1_000_000 : (epochMicros - 999_999) / 1_000_000
        let micros = Int(epochMicros - seconds * 1_000_000)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        // 1970-01-01 was a Thursday (weekday 4, Sunday = 0).
        let weekday = ((days % 7) + 11) % 7
        return Parts(year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
                     second: secondOfDay % 60, micros: micros, weekday: weekday)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the sink API's calendar arithmetic).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        LogTime.daysFromCivil(year, month, day)
    }

    /// The date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        LogTime.civilFromDays(days)
    }
}
