/// What identifies a log file whatever its name: a hash of its first decompressed bytes.
///
/// A file that is rotated, renamed and then gzipped keeps its fingerprint, because it is taken over the
/// decompressed content. Files shorter than ``maxBytes`` get a fingerprint of what they hold; it is taken again,
/// longer, as they grow. An empty file has a fingerprint of zero bytes, which matches nothing by itself.
public struct FileFingerprint: Codable, Sendable, Equatable {
    /// Bytes hashed at most.
    public static let maxBytes = 1024

    /// 64-bit FNV-1a of the bytes, 16 hexadecimal digits.
    public var hash: String
    /// Bytes hashed: the file's first `byteCount` decompressed bytes.
    public var byteCount: Int

    public init(hash: String, byteCount: Int) {
        self.hash = hash
        self.byteCount = byteCount
    }

    /// The fingerprint of the first ``maxBytes`` (or fewer) of `head`.
    public init(head: [UInt8]) {
        let count = min(head.count, Self.maxBytes)
        hash = Self.hex(head.prefix(count))
        byteCount = count
    }

    /// True when `head` (a file's first bytes) starts with the bytes this fingerprint was taken over.
    public func matches(head: [UInt8]) -> Bool {
        guard byteCount > 0, head.count >= byteCount else { return false }
        return Self.hex(head.prefix(byteCount)) == hash
    }

    /// True when the hash and the count look like something this type wrote.
    var isWellFormed: Bool {
        hash.count == 16 && hash.allSatisfy(\.isHexDigit) && (0...Self.maxBytes).contains(byteCount)
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            value ^= UInt64(b)
            value &*= 0x100_0000_01b3
        }
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
