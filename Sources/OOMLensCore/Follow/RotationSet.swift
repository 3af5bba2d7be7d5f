/// The rotated siblings of a followed path (`syslog.1`, `syslog.2.gz`, `messages-20240101`, …), oldest first.
enum RotationSet {
    /// Regular files in the path's directory that belong to its rotation set, oldest first, without the path.
    static func rotatedFiles(of path: String) -> [String] {
        let stem = RotationKey(path: path).stem
        var members: [(key: RotationKey, path: String)] = []
        for file in InputResolver.listDirectory(directory(of: path)) where file != path {
            let key = RotationKey(path: file)
            if key.stem == stem { members.append((key, file)) }
        }
        members.sort { a, b in
            if a.key < b.key { return true }
            if b.key < a.key { return false }
            return a.path < b.path
        }
        return members.map(\.path)
    }

    /// The directory part of `path` (`.` when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
