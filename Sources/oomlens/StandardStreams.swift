#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to stdout and stderr, safe from any thread.
enum StandardStreams {
    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }

    static func out(_ bytes: [UInt8]) { write(1, bytes) }
    static func err(_ text: String) { write(2, Array(text.utf8)) }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
