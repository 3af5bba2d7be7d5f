#if canImport(Glibc)
import Glibc
#endif

/// The write end of the pipe that signal handlers write to (set once, before the handlers are installed).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Wakes the follower's wait from a signal handler or another thread, and tells it what was asked: stop (SIGINT,
/// SIGTERM, ``requestStop()``) or reload (SIGHUP, ``requestReload()``).
///
/// A self-pipe: the handler only writes one byte (async-signal-safe); the follower reads the bytes between two
/// waits.
public final class FollowWakeup: @unchecked Sendable {
    /// What was asked since the last ``take()``.
    public struct Requests: Sendable {
        public var stop = false
        public var reload = false
    }

    private let readEnd: Int32
    private let writeEnd: Int32
    private static let stopByte: UInt8 = 0xF0
    private static let reloadByte: UInt8 = 0xF1

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
        } else {
            fds = [-1, -1]
        }
        readEnd = fds[0]
        writeEnd = fds[1]
    }

    deinit {
        if signalPipeWriteEnd == writeEnd { signalPipeWriteEnd = -1 }
        close(readEnd)
        close(writeEnd)
    }

    /// The descriptor to poll.
    var descriptor: Int32 { readEnd }

    /// Routes SIGINT and SIGTERM (stop) and SIGHUP (reload) to this object, and unblocks them. Call once per
    /// process, from the main thread.
    public func installSignalHandlers() {
        signalPipeWriteEnd = writeEnd
        let handler: @convention(c) (Int32) -> Void = { signo in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: signo)
            _ = write(signalPipeWriteEnd, &byte, 1)
            errno = saved
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        signal(SIGHUP, handler)
        // A parent may have started this process with these signals blocked (the mask is inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signo in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, signo) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Asks the follower to drain, checkpoint and return (from any thread).
    public func requestStop() { post(Self.stopByte) }

    /// Asks the follower to checkpoint and return for a reload (from any thread).
    public func requestReload() { post(Self.reloadByte) }

    private func post(_ byte: UInt8) {
        var b = byte
        _ = write(writeEnd, &b, 1)
    }

    /// Reads what was asked since the last call.
    func take() -> Requests {
        var requests = Requests()
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let n = bytes.withUnsafeMutableBytes { read(readEnd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            for b in bytes.prefix(n) {
                switch b {
                case Self.stopByte, UInt8(SIGINT), UInt8(SIGTERM): requests.stop = true
                case Self.reloadByte, UInt8(SIGHUP): requests.reload = true
                default: break
                }
            }
        }
        return requests
    }
}
