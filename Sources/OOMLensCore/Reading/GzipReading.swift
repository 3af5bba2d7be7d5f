/// A ``GzipInflater`` whatever its engine, so that one input can be read with the library chosen at run time.
protocol GzipReading: AnyObject {
    var compressedOffset: Int64 { get }
    var decompressedOffset: Int64 { get }
    var members: Int { get }
    var trailingGarbageOffset: Int64? { get }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int
}

extension GzipInflater: GzipReading {}
