#if canImport(Glibc)
import Glibc
#endif

/// The file-system rules a plugin must pass right before it is loaded: only root or the user running oomlens
/// may be able to change the file, its directory or any directory above it.
///
/// A directory or file must be owned by root or by the effective user and must not be writable by group or
/// others; a directory above the plugin directory may be writable by others when it is sticky (`/tmp`). A plugin
/// file must be a regular file; a symbolic link is followed only when its target is in the same directory.
enum PluginPathCheck {
    /// The canonical path of `directory` after checking it and every directory above it.
    static func directory(_ directory: String) throws(SinkPluginError) -> String {
        guard directory.hasPrefix("/") else {
            throw SinkPluginError(path: directory, reason: "a plugin directory must be an absolute path")
        }
        let real = try canonical(directory)
        let info = try status(real, shown: directory)
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw SinkPluginError(path: directory, reason: "not a directory")
        }
        try ownership(info, shown: directory, stickyAllowed: false)
        var ancestor = real
        while ancestor != "/" {
            ancestor = parent(of: ancestor)
            try ownership(try status(ancestor, shown: ancestor), shown: ancestor, stickyAllowed: true)
        }
        return real
    }

    /// The canonical path of the plugin `name` in the checked directory `realDirectory`, after checking the file.
    static func file(named name: String, in realDirectory: String) throws(SinkPluginError) -> String {
        let path = realDirectory + "/" + name
        var link = stat()
        guard lstat(path, &link) == 0 else { throw SinkPluginError(path: path, reason: errorText()) }
        var real = path
        if link.st_mode & S_IFMT == S_IFLNK {
            real = try canonical(path)
            guard parent(of: real) == realDirectory else {
                throw SinkPluginError(path: path, reason: "refused: a symbolic link that leads out of its directory, to \(real)")
            }
        }
        let info = try status(real, shown: path)
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SinkPluginError(path: path, reason: "refused: not a regular file")
        }
        try ownership(info, shown: path, stickyAllowed: false)
        return real
    }

    private static func ownership(_ info: stat, shown: String, stickyAllowed: Bool) throws(SinkPluginError) {
        let sticky = info.st_mode & S_ISVTX != 0
        if info.st_mode & 0o022 != 0 && !(stickyAllowed && sticky) {
            let mode = String(info.st_mode & 0o7777, radix: 8)
            throw SinkPluginError(path: shown, reason: "refused: writable by group or others (mode \(mode))")
        }
        if info.st_uid != 0 && info.st_uid != geteuid() {
            throw SinkPluginError(path: shown, reason: "refused: owned by uid \(info.st_uid), neither root nor the user running oomlens")
        }
    }

    private static func status(_ path: String, shown: String) throws(SinkPluginError) -> stat {
        var info = stat()
        guard stat(path, &info) == 0 else { throw SinkPluginError(path: shown, reason: errorText()) }
        return info
    }

    private static func canonical(_ path: String) throws(SinkPluginError) -> String {
        guard let resolved = realpath(path, nil) else { throw SinkPluginError(path: path, reason: errorText()) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
