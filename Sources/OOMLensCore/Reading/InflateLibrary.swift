/// The inflate library that reads gzip input: zlib always, ISA-L in a build with the `ISAL` trait.
enum InflateLibrary: Sendable, CaseIterable {
    case zlib
    #if ISAL
    case isal
    #endif

    /// The library of batch runs: ISA-L when it is built in, else zlib.
    static var batch: InflateLibrary {
        #if ISAL
        .isal
        #else
        .zlib
        #endif
    }

    /// A gzip reader over `reader` with this library; `prefix` holds bytes already read from it.
    func inflater(reader: FileDescriptorReader, prefix: UnsafeRawBufferPointer) throws(PipelineError)
        -> any GzipReading
    {
        switch self {
        case .zlib:
            return try GzipInflater(reader: reader, prefix: prefix, engine: ZlibInflateEngine())
        #if ISAL
        case .isal:
            return try GzipInflater(reader: reader, prefix: prefix, engine: IsalInflateEngine())
        #endif
        }
    }
}
