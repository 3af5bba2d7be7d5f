#if canImport(Glibc)
import Glibc
#endif
import Foundation
import OOMLensSinkAPI
import Synchronization

/// One run of the user's program: spawned with `posix_spawnp` (no shell), fed on stdin, read on stdout and stderr.
///
/// Two threads read the program's stdout (acknowledgements, into ``acks``) and stderr (one warning per line).
/// The sink's thread writes batches to stdin; the pipe is non-blocking and every write waits with `poll`, so a
/// program that stops reading cannot hang the sink past its timeout. SIGPIPE is blocked on the writing thread only
/// for the duration of a write, so a program that dies turns into `EPIPE` instead of killing the host, while the
/// host's own handling of SIGPIPE (for example `oomlens … | head`) stays as it was.
final class ExecChild: @unchecked Sendable {
    /// Process id of the program.
    let pid: pid_t
    /// What the program has acknowledged so far, and whether its stdout closed.
    let acks = ExecAckState()
    /// `name[pid]`, for messages.
    let label: String

    /// The write end of the program's stdin, or -1 once closed. Used by the sink's thread only.
    private var input: Int32
    private let readers = DispatchGroup()
    private let stopReading = Atomic<Bool>(false)
    private var exitDescription: String?

    /// The outcome of writing a batch.
    enum WriteOutcome {
        case written
        /// The program closed its stdin (usually: it exited).
        case closed
        /// The program did not take the bytes within the timeout.
        case timedOut
    }

    /// Starts `command` with the parent's environment plus `OOMLENS_EXEC_PROTOCOL`.
    init(command: [String], warn: @escaping @Sendable (String) -> Void) throws(SinkError) {
        precondition(!command.isEmpty)
        var stdinPipe: [Int32] = [-1, -1]
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        func closeAll() {
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { _ = Glibc.close(fd) }
        }
        // pipe2 is not exported to Swift; FD_CLOEXEC right after pipe() keeps our ends out of the program (the
        // dup2 file actions below give it its own copies on 0, 1 and 2).
        func makePipe(_ fds: inout [Int32]) -> Bool {
            guard pipe(&fds) == 0 else { return false }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
        guard makePipe(&stdinPipe), makePipe(&stdoutPipe), makePipe(&stderrPipe) else {
            let text = String(cString: strerror(errno))
            closeAll()
            throw SinkError(sink: ExecSink.name, message: "cannot create pipes: \(text)")
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        // The program starts with no blocked signals and SIGPIPE at its default, whatever the host's thread had.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment[ExecProtocol.environmentVariable] = String(ExecProtocol.version)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        _ = Glibc.close(stdinPipe[0])
        _ = Glibc.close(stdoutPipe[1])
        _ = Glibc.close(stderrPipe[1])
        guard rc == 0 else {
            _ = Glibc.close(stdinPipe[1])
            _ = Glibc.close(stdoutPipe[0])
            _ = Glibc.close(stderrPipe[0])
            throw SinkError(sink: ExecSink.name,
                            message: "cannot start \(command[0]): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
        input = stdinPipe[1]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let name = command[0].split(separator: "/").last.map(String.init) ?? command[0]
        label = "\(name)[\(pid)]"

        let acks = self.acks
        let label = self.label
        startReader(fd: stdoutPipe[0], name: "oomlens-exec-out") { line in
            if let batch = ExecProtocol.acknowledgedBatch(line[...]) {
                acks.acknowledge(batch)
            } else if !line.allSatisfy(\.isWhitespace) {
                warn("exec \(label): ignored a stdout line that is not 'ack N' (log to stderr instead): \(line)")
            }
        } atEnd: {
            acks.markClosed()
        }
        startReader(fd: stderrPipe[0], name: "oomlens-exec-err") { line in
            warn("exec \(label): \(line)")
        } atEnd: {}
    }

    deinit {
        if input >= 0 {
            kill(pid, SIGKILL)
            _ = finish(graceMs: 0)
        }
    }

    /// Writes all of `bytes` to the program's stdin, waiting at most `timeoutMs` for it to make room.
    func write(_ bytes: [UInt8], timeoutMs: Int) -> WriteOutcome {
        guard input >= 0 else { return .closed }
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Self.writeWithoutSIGPIPE(input, raw.baseAddress! + done, raw.count - done)
            }
            if n.count > 0 {
                done += n.count
                continue
            }
            switch n.error {
            case EINTR:
                continue
            case EAGAIN:
                let remaining = Int(deadline.timeIntervalSinceNow * 1000)
                guard remaining > 0 else { return .timedOut }
                var pfd = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, Int32(min(remaining, 1000)))
            default:
                return .closed
            }
        }
        return .written
    }

    /// Closes stdin, gives the program `graceMs` to exit, then SIGTERM and one second more, then SIGKILL; reaps
    /// it and waits for its output to be read. Returns how it ended, e.g. `exit status 1` or `signal 9`.
    @discardableResult
    func finish(graceMs: Int) -> String {
        if let exitDescription { return exitDescription }
        if input >= 0 {
            _ = Glibc.close(input)
            input = -1
        }
        var status: Int32 = 0
        var reaped = false
        var deadline = Date().addingTimeInterval(Double(graceMs) / 1000)
        var signalled: Int32 = 0
        while !reaped {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                reaped = true
                break
            }
            if r < 0 && errno != EINTR { break }
            if Date() >= deadline {
                if signalled == 0 {
                    signalled = SIGTERM
                    kill(pid, SIGTERM)
                    deadline = Date().addingTimeInterval(1)
                } else if signalled == SIGTERM {
                    signalled = SIGKILL
                    kill(pid, SIGKILL)
                    deadline = Date().addingTimeInterval(5)
                } else {
                    break
                }
            }
            usleep(5_000)
        }
        if readers.wait(timeout: .now() + 2) == .timedOut {
            // A grandchild may hold the pipes open; stop reading them.
            stopReading.store(true, ordering: .relaxed)
            readers.wait()
        }
        let text: String
        if !reaped {
            text = "unknown status"
        } else if status & 0x7F == 0 {
            text = "exit status \((status >> 8) & 0xFF)"
        } else {
            text = "signal \(status & 0x7F)"
        }
        exitDescription = text
        return text
    }

    private func startReader(fd: Int32, name: String, line: @escaping @Sendable (String) -> Void,
                             atEnd: @escaping @Sendable () -> Void) {
        readers.enter()
        let thread = Thread { [self] in
            var splitter = LineSplitter()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while !stopReading.load(ordering: .relaxed) {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, 100)
                if ready == 0 { continue }
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n > 0 {
                    buffer.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n]), line) }
                } else if n == 0 {
                    break
                } else if errno != EINTR && errno != EAGAIN {
                    break
                }
            }
            splitter.finish(line)
            _ = Glibc.close(fd)
            atEnd()
            readers.leave()
        }
        thread.name = name
        thread.start()
    }

    /// `write(2)` with SIGPIPE blocked on this thread; a SIGPIPE the write raised is taken off the pending set.
    private static func writeWithoutSIGPIPE(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int)
        -> (count: Int, error: Int32)
    {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let n = Glibc.write(fd, pointer, count)
        let error = n < 0 ? errno : 0
        if error == EPIPE && sigismember(&previous, SIGPIPE) == 0 {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var zero = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &zero)
            }
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return (max(n, 0), error)
    }
}
