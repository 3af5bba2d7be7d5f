/// A failure the pipeline reports: what went wrong, in which file, and where.
///
/// Input errors do not stop a run: the run records them, goes on with the next file and exits non-zero.
public struct PipelineError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure; new kinds may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let raw: String
        public var description: String { raw }
        public static let missingPath = Code(raw: "missing-path")
        public static let unreadable = Code(raw: "unreadable")
        public static let corruptGzip = Code(raw: "corrupt-gzip")
        public static let truncatedGzip = Code(raw: "truncated-gzip")
        public static let unsupportedCompression = Code(raw: "unsupported-compression")
        public static let configInvalid = Code(raw: "config-invalid")
        public static let sinkFailed = Code(raw: "sink-failed")
    }

    public var code: Code
    public var message: String
    /// The file as the user named it (`-` for standard input), if the error concerns one.
    public var path: String?
    /// Byte position in the file as stored on disk.
    public var compressedOffset: Int64?
    /// Byte position in the decompressed stream (the same as `compressedOffset` for plain files).
    public var decompressedOffset: Int64?

    public init(_ code: Code, _ message: String, path: String? = nil, compressedOffset: Int64? = nil,
                decompressedOffset: Int64? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.compressedOffset = compressedOffset
        self.decompressedOffset = decompressedOffset
    }

    public var description: String {
        var s = ""
        if let path { s += "\(path): " }
        s += "\(code): \(message)"
        if let compressedOffset {
            if let decompressedOffset, decompressedOffset != compressedOffset {
                s += " (at compressed byte \(compressedOffset), decompressed byte \(decompressedOffset))"
            } else {
                s += " (at byte \(compressedOffset))"
            }
        }
        return s
    }
}
