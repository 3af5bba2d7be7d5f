import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where `oomlens follow` keeps its checkpoint when `--state` is not given.
///
/// In order: `$STATE_DIRECTORY` (set by systemd's `StateDirectory=`; the first entry), `/var/lib/oomlens` when
/// running as root, `$XDG_STATE_HOME/oomlens`, else `~/.local/state/oomlens`.
enum FollowStateDirectory {
    static func resolve(_ explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let env = ProcessInfo.processInfo.environment
        if let systemd = env["STATE_DIRECTORY"]?.split(separator: ":").first, !systemd.isEmpty {
            return String(systemd)
        }
        if geteuid() == 0 { return "/var/lib/oomlens" }
        if let xdg = env["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/oomlens" }
        let home = env["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/oomlens"
    }
}
