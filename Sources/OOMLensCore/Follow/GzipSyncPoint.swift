import Foundation

/// A place inside a gzip file where inflating can start again without going back to byte 0: the end of a deflate
/// block, with the bits of its last byte still unused and the 32 KiB of output before it (zlib's zran technique).
public struct GzipSyncPoint: Codable, Sendable, Equatable {
    /// Compressed bytes consumed up to the point (the byte holding `bits` unused bits is the last of them).
    public var compressedOffset: Int64
    /// Unused bits in the last consumed byte (0–7).
    public var bits: Int
    /// Decompressed bytes produced up to the point.
    public var decompressedOffset: Int64
    /// The output window before the point (up to 32 KiB), base64 in JSON.
    public var window: Data

    public init(compressedOffset: Int64, bits: Int, decompressedOffset: Int64, window: Data) {
        self.compressedOffset = compressedOffset
        self.bits = bits
        self.decompressedOffset = decompressedOffset
        self.window = window
    }

    /// True when the values are in range.
    var isWellFormed: Bool {
        compressedOffset >= 0 && (0...7).contains(bits) && decompressedOffset >= 0 && window.count <= 32768
            && (bits == 0 || compressedOffset > 0)
    }
}
