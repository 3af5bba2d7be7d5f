import Foundation
import OOMLensTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Appends numbered lines to a log and rotates it the ways logrotate does, from a writer thread.
struct FollowRotatingWriter: Sendable {
    let path: String

    static func line(_ n: Int) -> String {
        "Feb  2 04:10:\(10 + n % 50) web-1 app[\(1000 + n % 7)]: line \(n) " + String(repeating: "z", count: n % 37)
    }

    /// Opens the live file for appending (creating it).
    func openLive() -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }

    func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            precondition(n > 0)
            done += n
        }
    }

    /// Moves `path.N` to `path.N+1` (newest first), so that `path.1` is free.
    func shiftRotated() {
        var highest = 0
        while FileManager.default.fileExists(atPath: "\(path).\(highest + 1)")
            || FileManager.default.fileExists(atPath: "\(path).\(highest + 1).gz") { highest += 1 }
        if highest == 0 { return }
        for n in stride(from: highest, through: 1, by: -1) {
            for ext in ["", ".gz"] where FileManager.default.fileExists(atPath: "\(path).\(n)\(ext)") {
                rename("\(path).\(n)\(ext)", "\(path).\(n + 1)\(ext)")
            }
        }
    }

    /// `delaycompress`: gzips `path.2` (if plain) the way logrotate does: new file, then the old one removed.
    func compressSecond() {
        let plain = "\(path).2"
        guard let data = FileManager.default.contents(atPath: plain) else { return }
        let gz = GzipEncoder.compress(Array(data))
        _ = FileManager.default.createFile(atPath: plain + ".gz", contents: Data(gz))
        unlink(plain)
    }

    /// Rename rotation: the old file becomes `path.1`, a new one is created; `linesBeforeReopen` more lines go to
    /// the old descriptor first, as a daemon writes until it gets SIGHUP. Returns the new descriptor.
    func renameRotate(_ fd: Int32, next: inout Int, linesBeforeReopen: Int) -> Int32 {
        shiftRotated()
        rename(path, "\(path).1")
        for _ in 0..<linesBeforeReopen {
            write(fd, Self.line(next) + "\n")
            next += 1
        }
        close(fd)
        return openLive()
    }

    /// Copytruncate: `path.1` gets a copy, then the live file is truncated (the writer goes on at its end).
    func copyTruncate(_ fd: Int32) {
        shiftRotated()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        _ = FileManager.default.createFile(atPath: "\(path).1", contents: data)
        ftruncate(fd, 0)
    }
}
