import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one measured command on behalf of `oomlens-bench run` and reports its `wait4(2)` figures on
/// descriptor 3.
///
/// Why a launcher: when a process calls `execve`, Linux folds the peak RSS of the address space it leaves into
/// the process's `ru_maxrss`. A command spawned straight from the bench leaves the bench's own address space
/// (posix_spawn shares it until exec), so its `ru_maxrss` could never be less than the bench's own peak of
/// about 28 MB, far above what `zcat` or `grep` use. The launcher is a fresh, small process: it forks (the
/// copy holds only its few anonymous pages), execs the command in the child, waits for it and reports the
/// child's status, wall time, CPU times and `ru_maxrss`. It is the bench binary itself, started with
/// ``flag`` as its first argument.
enum MeasuringLauncher {
    static let flag = "--measuring-launcher"

    /// The path of the running bench executable, used to start launchers.
    static let executablePath: String = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]

    /// The figures a launcher reports for its command.
    struct Report {
        var waitStatus: Int32
        var wallNanoseconds: UInt64
        var userMicroseconds: Int
        var systemMicroseconds: Int
        var maxResidentKiB: Int
    }

    /// When this process was started as a launcher, runs the command and exits; otherwise returns.
    static func runIfRequested() {
        let arguments = CommandLine.arguments
        guard arguments.count > 2, arguments[1] == flag else { return }
        launch(Array(arguments.dropFirst(2)))
    }

    /// The argument vector that runs `command` under a launcher.
    static func wrap(_ command: [String]) -> [String] {
        [executablePath, flag] + command
    }

    /// Reads the launcher's one-line report: `status wall_ns user_us system_us maxrss_kib`.
    static func parse(_ bytes: [UInt8]) -> Report? {
        let fields = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 5, let status = Int32(fields[0]), let wall = UInt64(fields[1]),
              let user = Int(fields[2]), let system = Int(fields[3]), let maxResident = Int(fields[4])
        else { return nil }
        return Report(waitStatus: status, wallNanoseconds: wall, userMicroseconds: user,
                      systemMicroseconds: system, maxResidentKiB: maxResident)
    }

    private static func launch(_ command: [String]) -> Never {
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        let started = MonotonicClock.nanoseconds()
        let pid = fork()
        if pid == 0 {
            close(ChildProcess.reportDescriptor)
            execvp(argv[0]!, argv)
            let message = "oomlens-bench: cannot run \(command[0]): \(SystemErrorText.describe(errno))\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(127)
        }
        guard pid > 0 else {
            FileHandle.standardError.write(Data("oomlens-bench: fork failed: \(SystemErrorText.describe(errno))\n".utf8))
            exit(126)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { exit(126) }
        }
        let wall = MonotonicClock.nanoseconds() - started
        let user = Int(usage.ru_utime.tv_sec) * 1_000_000 + Int(usage.ru_utime.tv_usec)
        let system = Int(usage.ru_stime.tv_sec) * 1_000_000 + Int(usage.ru_stime.tv_usec)
        let line = "\(status) \(wall) \(user) \(system) \(usage.ru_maxrss)\n"
        _ = line.withCString { write(ChildProcess.reportDescriptor, $0, strlen($0)) }
        exit(0)
    }
}
