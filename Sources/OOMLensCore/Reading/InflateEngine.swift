/// What one inflate library does for ``GzipInflater``: the library's stream state, one inflate step, and the
/// reset between gzip members. Everything else (reading, members, errors, offsets) is shared.
protocol InflateEngine: AnyObject {
    /// Sets the input to `count` bytes at `start`.
    func setInput(_ start: UnsafeMutablePointer<UInt8>, count: Int)
    /// Unread input bytes, and the next one.
    var availableInput: Int { get }
    var nextInput: UnsafeMutablePointer<UInt8> { get }
    /// Sets the output to `buffer`.
    func setOutput(_ buffer: UnsafeMutableRawBufferPointer)
    /// Room left in the output.
    var availableOutput: Int { get }
    /// Inflates as far as input and output allow.
    func step() -> InflateStep
    /// Gets ready for the next member, keeping the input and output where they are; false when that failed.
    func resetForNextMember() -> Bool
}

/// The outcome of one ``InflateEngine/step()``.
enum InflateStep {
    /// Progress, or none because input or output ran out.
    case going
    /// The member's end marker and trailer were read and checked.
    case memberEnd
    /// The data is damaged: the library's description.
    case corrupt(String)
}
