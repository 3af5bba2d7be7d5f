#if canImport(Glibc)
import Glibc
#endif

/// Wakes the follower when something changes in the followed paths' directories (inotify), or after a timeout.
///
/// Every event only means "look again": the follower re-checks all its files, so a lost or merged event (inotify
/// queue overflow) costs nothing. A directory that does not exist yet is watched once it appears. Without inotify
/// the follower polls with the timeout alone.
final class DirectoryWatcher {
    private var inotify: Int32 = -1
    private var watched: [String: Int32] = [:]
    private let directories: [String]
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    /// True when inotify is in use.
    var isActive: Bool { inotify >= 0 }

    init(directories: [String], useInotify: Bool) {
        var seen = Set<String>()
        self.directories = directories.filter { seen.insert($0).inserted }
        if useInotify {
            inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        }
        addMissingWatches()
    }

    deinit {
        if inotify >= 0 { close(inotify) }
    }

    /// Watches the directories not watched yet (they may have appeared).
    private func addMissingWatches() {
        guard inotify >= 0 else { return }
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_ATTRIB
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        for dir in directories where watched[dir] == nil {
            let wd = inotify_add_watch(inotify, dir, mask)
            if wd >= 0 { watched[dir] = wd }
        }
    }

    /// Waits until a directory changes, `wakeup` becomes readable, or `timeout` seconds pass.
    func wait(timeout: Double, wakeup: Int32) {
        addMissingWatches()
        var fds = [pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)]
        if inotify >= 0 { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        let ms = Int32(max(0, min(timeout, 3600)) * 1000 + 0.999)
        let n = poll(&fds, nfds_t(fds.count), ms)
        if n > 0, inotify >= 0, fds[1].revents != 0 { drain() }
    }

    /// Reads the pending events; a watch removed by the kernel (directory gone) is added again later.
    private func drain() {
        while true {
            let n = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress!, $0.count) }
            if n <= 0 { return }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    watched = watched.filter { $0.value != wd }
                }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
    }
}
