import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawnp(3)` and reaped with `wait4(2)`.
///
/// Pipes are created close-on-exec under a lock, so children started at the same time from other threads never
/// inherit each other's pipe ends. SIGPIPE is reset to its default in the child even though the bench ignores
/// it. Besides the three standard streams, a child can get a fourth pipe on descriptor 3, which
/// ``MeasuringLauncher`` uses to report its measurements.
final class ChildProcess {
    /// At most this much of a child's standard output is kept in ``ChildOutcome/standardOutput``.
    static let captureLimit = 8 << 20
    /// The descriptor number of the optional report pipe in the child.
    static let reportDescriptor: Int32 = 3

    let processID: pid_t
    private let startNanoseconds: UInt64
    /// The bench's ends of the pipes it asked for, by child descriptor 0…3 (-1 where there is no pipe).
    private var parentEnds: [Int32]

    /// Starts `arguments[0]` (looked up in PATH when it has no slash) with the given streams; with
    /// `reportPipe`, the child also gets a pipe to write to on descriptor 3.
    init(arguments: [String], standardInput: ChildStream = .inherit, standardOutput: ChildStream = .inherit,
         standardError: ChildStream = .inherit, reportPipe: Bool = false) throws
    {
        precondition(!arguments.isEmpty)
        let streams = [standardInput, standardOutput, standardError, reportPipe ? .pipe : .inherit]
        // Creating the pipes and spawning happen under one lock: a child spawned by another thread in between
        // would otherwise inherit this child's pipe ends before they are marked close-on-exec.
        let spawned = try Self.spawnLock.withLock { _ throws(BenchError) in
            try Self.spawn(arguments, streams: streams)
        }
        startNanoseconds = spawned.startNanoseconds
        processID = spawned.processID
        parentEnds = spawned.parentEnds
    }

    deinit {
        for fd in parentEnds where fd >= 0 { close(fd) }
    }

    /// Writes all of `bytes` to the child's standard input pipe.
    func writeToStandardInput(_ bytes: UnsafeRawBufferPointer) throws {
        try FileDescriptorWriter.writeAll(bytes, to: parentEnds[0], what: "pipe to child \(processID)")
    }

    /// Reads what the child wrote to its standard output pipe so far, waiting at most `timeoutMilliseconds` for
    /// something to arrive. Returns the bytes read: empty after the timeout, nil at the end of the output.
    func readStandardOutput(timeoutMilliseconds: Int32) throws -> [UInt8]? {
        let descriptor = parentEnds[1]
        guard descriptor >= 0 else { return nil }
        var watched = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&watched, 1, timeoutMilliseconds)
        if ready < 0 {
            if errno == EINTR { return [] }
            throw BenchError.systemCall("poll", errno: errno)
        }
        guard ready > 0 else { return [] }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return [] }
            throw BenchError.systemCall("read from child \(processID)", errno: errno)
        }
        if count == 0 {
            closeParentEnd(1)
            return nil
        }
        return Array(chunk.prefix(count))
    }

    /// Closes the bench's end of the standard input pipe, so that the child sees end of file.
    func closeStandardInput() {
        closeParentEnd(0)
    }

    /// Closes standard input, reads the child's output pipes to their ends, then reaps the child.
    ///
    /// Each piece of standard output goes to `onOutput` and, unless `keepingOutput` is false, into the
    /// outcome (up to ``captureLimit``); standard error and the report pipe are always kept.
    func finish(keepingOutput: Bool = true, onOutput: (UnsafeRawBufferPointer) -> Void = { _ in }) throws
        -> ChildOutcome
    {
        closeStandardInput()
        var collected: [[UInt8]] = [[], [], [], []]
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while parentEnds[1...].contains(where: { $0 >= 0 }) {
            var watched: [pollfd] = []
            for descriptor in 1...3 where parentEnds[descriptor] >= 0 {
                watched.append(pollfd(fd: parentEnds[descriptor], events: Int16(POLLIN), revents: 0))
            }
            if poll(&watched, nfds_t(watched.count), -1) < 0 {
                if errno == EINTR { continue }
                throw BenchError.systemCall("poll", errno: errno)
            }
            for entry in watched where entry.revents != 0 {
                guard let descriptor = parentEnds.firstIndex(of: entry.fd) else { continue }
                let count = read(entry.fd, chunk.baseAddress, chunk.count)
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw BenchError.systemCall("read from child \(processID)", errno: errno)
                }
                if count == 0 {
                    closeParentEnd(descriptor)
                    continue
                }
                let piece = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
                if descriptor == 1 {
                    onOutput(piece)
                    if !keepingOutput { continue }
                    collected[1].append(contentsOf: piece.prefix(max(0, Self.captureLimit - collected[1].count)))
                } else {
                    collected[descriptor].append(contentsOf: piece)
                }
            }
        }
        var outcome = try reap()
        outcome.standardOutput = collected[1]
        outcome.standardError = collected[2]
        outcome.report = collected[3]
        return outcome
    }

    private func closeParentEnd(_ descriptor: Int) {
        if parentEnds[descriptor] >= 0 {
            close(parentEnds[descriptor])
            parentEnds[descriptor] = -1
        }
    }

    /// Waits for the child with `wait4(2)` and returns its status, times and peak resident set.
    private func reap() throws -> ChildOutcome {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(processID, &status, 0, &usage) < 0 {
            if errno == EINTR { continue }
            throw BenchError.systemCall("wait4 \(processID)", errno: errno)
        }
        let elapsed = MonotonicClock.nanoseconds() - startNanoseconds
        return ChildOutcome(waitStatus: status, wallSeconds: Double(elapsed) / 1e9, usage: usage)
    }

    private static let spawnLock = Mutex(())

    /// Spawns the child; returns its PID, the start time and the bench's pipe ends (-1 where none).
    private static func spawn(_ arguments: [String], streams: [ChildStream]) throws(BenchError)
        -> (processID: pid_t, startNanoseconds: UInt64, parentEnds: [Int32])
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var childEnds: [Int32] = []
        var parentEnds: [Int32] = [-1, -1, -1, -1]
        defer { for fd in childEnds { close(fd) } }
        for (target, stream) in zip(Int32(0)..., streams) {
            switch stream {
            case .inherit:
                break
            case .discard:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                let flags = target == 0 ? O_RDONLY : (O_WRONLY | O_CREAT | O_TRUNC)
                posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o644)
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard pipe(&ends) == 0 else {
                    let code = errno
                    for fd in parentEnds where fd >= 0 { close(fd) }
                    throw BenchError.systemCall("pipe", errno: code)
                }
                _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
                let (childEnd, parentEnd) = target == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                childEnds.append(childEnd)
                parentEnds[Int(target)] = parentEnd
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noBlockedSignals = sigset_t()
        sigemptyset(&noBlockedSignals)
        posix_spawnattr_setsigmask(&attributes, &noBlockedSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = MonotonicClock.nanoseconds()
        let result = posix_spawnp(&pid, argv[0]!, &actions, &attributes, argv, environ)
        guard result == 0 else {
            for fd in parentEnds where fd >= 0 { close(fd) }
            throw BenchError.systemCall("cannot start \(arguments[0])", errno: result)
        }
        return (pid, start, parentEnds)
    }
}
