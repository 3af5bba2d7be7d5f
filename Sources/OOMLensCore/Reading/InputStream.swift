/// One input file (or standard input) as a stream of decompressed bytes; gzip is recognised by its magic bytes.
public final class InputStream: DecompressedInput {
    /// The path as the user gave it, or `-`.
    public let displayPath: String
    /// Modification time of the file in seconds since the epoch (nil for pipes): the reference for the year.
    public let modificationTime: Int64?
    /// Size on disk for regular files.
    public let size: Int64?
    /// True when the content is gzip.
    public let isGzip: Bool

    private let reader: FileDescriptorReader
    private let inflater: (any GzipReading)?
    private var prefix: [UInt8]
    private var prefixUsed = 0
    private var plainOffset: Int64 = 0

    /// Opens the input and sniffs its format.
    /// - Throws: ``PipelineError`` for a missing or unreadable path, or a compression format that is not gzip.
    public convenience init(path: String) throws(PipelineError) {
        try self.init(path: path, library: .batch)
    }

    /// Opens the input and sniffs its format; gzip is inflated with `library`.
    init(path: String, library: InflateLibrary) throws(PipelineError) {
        displayPath = path
        reader = try FileDescriptorReader(path: path)
        modificationTime = reader.modificationTime
        size = reader.size
        // Read enough to recognise the format (a short read from a pipe is retried).
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        var have = 0
        while have < 6 {
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[have...]))
            if n == 0 { break }
            have += n
        }
        let head = [UInt8](scratch[0..<have])
        if let kind = Self.unsupportedCompression(head) {
            throw PipelineError(.unsupportedCompression, "\(kind) compressed input is not supported; decompress it first",
                                path: path, compressedOffset: 0, decompressedOffset: 0)
        }
        if head.count >= 2, head[0] == 0x1f, head[1] == 0x8b {
            isGzip = true
            inflater = try library.inflater(reader: reader,
                                            prefix: UnsafeRawBufferPointer(rebasing: scratch[0..<have]))
            prefix = []
        } else {
            isGzip = false
            inflater = nil
            prefix = head
        }
    }

    private static func unsupportedCompression(_ b: [UInt8]) -> String? {
        if b.starts(with: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) { return "xz" }
        if b.starts(with: [0x28, 0xb5, 0x2f, 0xfd]) { return "zstd" }
        if b.count >= 4, b.starts(with: [0x42, 0x5a, 0x68]), (0x31...0x39).contains(b[3]) { return "bzip2" }
        return nil
    }

    /// Bytes consumed from the file on disk.
    public var compressedOffset: Int64 { inflater?.compressedOffset ?? plainOffset }
    /// Bytes delivered so far.
    public var decompressedOffset: Int64 { inflater?.decompressedOffset ?? plainOffset }
    /// Gzip members completed (0 for plain input).
    public var gzipMembers: Int { inflater?.members ?? 0 }
    /// Compressed offset of bytes after the last gzip member that are not a member, if any.
    public var trailingGarbageOffset: Int64? { inflater?.trailingGarbageOffset }

    /// Fills `buffer` with the next decompressed bytes; returns 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int {
        if let inflater { return try inflater.read(into: buffer) }
        if prefixUsed < prefix.count {
            let n = min(buffer.count, prefix.count - prefixUsed)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + prefixUsed, byteCount: n)
            }
            prefixUsed += n
            plainOffset += Int64(n)
            if prefixUsed == prefix.count {
                prefix = []
                prefixUsed = 0
            }
            return n
        }
        let n = try reader.read(into: buffer)
        plainOffset += Int64(n)
        return n
    }
}
