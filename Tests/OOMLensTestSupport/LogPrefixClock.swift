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

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
