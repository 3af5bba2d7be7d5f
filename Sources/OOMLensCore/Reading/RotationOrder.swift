/// Where a file stands in a log rotation set: its base name and its age rank.
///
/// `syslog.3.gz`, `syslog.2.gz`, `syslog.1`, `syslog` form one set read oldest first; so do the dateext
/// names `messages-20240101.gz`, `messages-20240108`, `messages`. The live file (no suffix) is the newest.
public struct RotationKey: Comparable, Sendable {
    /// Directory plus base name: files with the same stem form one set.
    public var stem: String
    /// 0 = dateext (older first by date), 1 = numbered, 2 = the live file.
    var family: Int
    /// For numbered files the negated number (larger numbers are older); for dateext the date digits.
    var rank: Int64

    /// Classifies a path.
    public init(path: String) {
        var name = path
        var directory = ""
        if let slash = path.lastIndex(of: "/") {
            directory = String(path[...slash])
            name = String(path[path.index(after: slash)...])
        }
        for ext in [".gz", ".GZ"] where name.hasSuffix(ext) && name.count > ext.count {
            name.removeLast(ext.count)
        }
        family = 2
        rank = 0
        if let dot = name.lastIndex(of: "."), let n = Int64(name[name.index(after: dot)...]),
           name[name.index(after: dot)...].allSatisfy(\.isASCII), dot != name.startIndex
        {
            family = 1
            rank = -n
            name = String(name[..<dot])
        } else if let dash = name.lastIndex(of: "-"), dash != name.startIndex {
            let digits = name[name.index(after: dash)...]
            if (digits.count == 8 || digits.count == 10), digits.allSatisfy({ $0 >= "0" && $0 <= "9" }),
               let d = Int64(digits)
            {
                family = 0
                rank = digits.count == 8 ? d * 100 : d
                name = String(name[..<dash])
            }
        }
        stem = directory + name
    }

    public static func < (a: RotationKey, b: RotationKey) -> Bool {
        if a.stem != b.stem { return a.stem < b.stem }
        if a.family != b.family { return a.family < b.family }
        return a.rank < b.rank
    }
}
