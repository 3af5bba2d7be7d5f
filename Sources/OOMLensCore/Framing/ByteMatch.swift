#if canImport(Glibc)
import Glibc
#endif

/// Allocation-free byte comparisons for stages that classify lines before decoding them.
public enum ByteMatch {
    /// True when `bytes` starts with the ASCII text `prefix`.
    @inlinable
    public static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard bytes.count >= n, let b = bytes.baseAddress else { return false }
        return memcmp(b, prefix.utf8Start, n) == 0
    }

    /// True when `bytes` holds `needle` at `offset`.
    @inlinable
    public static func matches(_ bytes: UnsafeRawBufferPointer, at offset: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard offset >= 0, bytes.count - offset >= n, let b = bytes.baseAddress else { return false }
        return memcmp(b + offset, needle.utf8Start, n) == 0
    }

    /// Offset of the first occurrence of `needle` in `bytes`, or nil. Uses `memchr` on the needle's first byte.
    @inlinable
    public static func firstIndex(of needle: StaticString, in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard n > 0, let b = bytes.baseAddress else { return nil }
        let first = Int32(needle.utf8Start.pointee)
        var i = start
        let last = bytes.count - n
        while i <= last {
            guard let hit = memchr(b + i, first, last - i + 1) else { return nil }
            let at = UnsafeRawPointer(hit) - b
            if memcmp(b + at, needle.utf8Start, n) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Offset of the first occurrence of the bytes of `needle` in `bytes`, or nil.
    @inlinable
    public static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in bytes: UnsafeRawBufferPointer) -> Int? {
        let n = needle.count
        guard n > 0, let b = bytes.baseAddress, let np = needle.baseAddress else { return nil }
        let first = Int32(np.pointee)
        var i = 0
        let last = bytes.count - n
        while i <= last {
            guard let hit = memchr(b + i, first, last - i + 1) else { return nil }
            let at = UnsafeRawPointer(hit) - b
            if memcmp(b + at, np, n) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// True when `needle` occurs in `bytes`.
    @inlinable
    public static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
        firstIndex(of: needle, in: bytes) != nil
    }
}
