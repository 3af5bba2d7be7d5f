#if canImport(Glibc)
import Glibc
#endif

extension StringProtocol {
    /// True when the UTF-8 bytes start with those of `prefix`: the decoders' prefixes are ASCII, and a byte
    /// comparison is many times cheaper than the standard `hasPrefix`, which compares `Character`s.
    @inline(__always)
    func hasBytePrefix(_ prefix: String) -> Bool {
        let found: Bool? = utf8.withContiguousStorageIfAvailable { mine in
            var wanted = prefix
            return wanted.withUTF8 { theirs in
                theirs.count <= mine.count
                    && (theirs.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, theirs.count) == 0)
            }
        }
        return found ?? utf8.starts(with: prefix.utf8)
    }

    /// True when the UTF-8 bytes end with those of `suffix` (ASCII, as for ``hasBytePrefix(_:)``).
    @inline(__always)
    func hasByteSuffix(_ suffix: String) -> Bool {
        let found: Bool? = utf8.withContiguousStorageIfAvailable { mine in
            var wanted = suffix
            return wanted.withUTF8 { theirs in
                theirs.count <= mine.count
                    && (theirs.isEmpty
                        || memcmp(mine.baseAddress! + (mine.count - theirs.count), theirs.baseAddress!, theirs.count) == 0)
            }
        }
        if let found { return found }
        let bytes = utf8
        let tail = suffix.utf8
        guard bytes.count >= tail.count else { return false }
        return bytes[bytes.index(bytes.endIndex, offsetBy: -tail.count)...].elementsEqual(tail)
    }
}
