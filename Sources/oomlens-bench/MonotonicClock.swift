#if canImport(Glibc)
import Glibc
#endif

/// Reads `CLOCK_MONOTONIC`, for wall-time measurements that wall-clock changes cannot disturb.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
