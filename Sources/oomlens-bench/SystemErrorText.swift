#if canImport(Glibc)
import Glibc
#endif

/// Turns `errno` values into readable text.
enum SystemErrorText {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
