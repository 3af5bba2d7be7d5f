#if canImport(Glibc)
import Glibc
#endif

/// Who else may change a config file. A config names the programs the exec sink runs and the files sinks write,
/// so a config that group or others can write lets them run code, or overwrite files, as OOMLens's user (often
/// root). The file is checked, and the directory it is in (which lets its file be replaced).
public enum ConfigFilePermissions {
    /// Why `path` may be changed by others, or nil when only its owner can change it (or it cannot be read).
    public static func problem(path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let mode = st.st_mode & 0o7777
        if mode & (S_IWGRP | S_IWOTH) != 0 {
            return "\(path) is writable by \(whom(mode)) (mode \(octal(mode))): they could make OOMLens run any "
                + "program or overwrite any file; make it writable by its owner only (chmod go-w)"
        }
        let directory = Self.directory(of: path)
        var dst = stat()
        if stat(directory, &dst) == 0 {
            let dmode = dst.st_mode & 0o7777
            // A sticky directory (/tmp) lets others create files but not replace this one.
            if dmode & (S_IWGRP | S_IWOTH) != 0, dmode & S_ISVTX == 0 {
                return "\(path) is in \(directory), writable by \(whom(dmode)) (mode \(octal(dmode))): they could "
                    + "replace the config; keep it in a directory only its owner can write"
            }
        }
        return nil
    }

    private static func whom(_ mode: mode_t) -> String {
        switch (mode & S_IWGRP != 0, mode & S_IWOTH != 0) {
        case (true, true): "group and others"
        case (true, false): "its group"
        default: "others"
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let s = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }
}
