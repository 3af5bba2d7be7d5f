/// A failure of the bench itself (not of a measured command), with a message for the user.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// An error for a failed system call, with `strerror(errno)` appended.
    static func systemCall(_ what: String, errno code: Int32) -> BenchError {
        BenchError("\(what): \(SystemErrorText.describe(code))")
    }
}
