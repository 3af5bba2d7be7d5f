#if canImport(Glibc)
import Glibc
#endif

/// A private copy of /dev/full (every write fails with ENOSPC) inside a test directory, so a test that fills the
/// "disk" can never damage the system's device. Making it needs root (mknod); `make` returns nil otherwise.
public enum DiskFullDevice {
    /// Creates the device as `name` in `directory` and returns its path, or nil when it cannot be made.
    public static func make(in directory: TemporaryDirectory, name: String = "full") -> String? {
        let path = directory.path + "/" + name
        // Major 1, minor 7, encoded as glibc's makedev does for small numbers.
        guard mknod(path, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 else { return nil }
        return path
    }

    /// True when this process can make device nodes (root).
    public static var available: Bool { geteuid() == 0 }
}
