#if canImport(Glibc)
import Glibc
#endif

/// One input file of a run, with the rotation set it belongs to.
public struct InputFile: Sendable, Equatable {
    /// The path as it will be reported (as the user gave it, or found in a directory), or `-` for stdin.
    public var path: String
    /// Files with the same stem are one rotation set, read oldest first as one stream.
    public var stem: String

    public init(path: String, stem: String) {
        self.path = path
        self.stem = stem
    }
}

/// Turns the command line's paths, directories, globs and `-` into an ordered list of input files.
///
/// Each rotation set is ordered oldest first (see ``RotationKey``); sets follow each other by stem. A path that
/// matches nothing becomes an error, and the other inputs are still returned.
public enum InputResolver {
    /// Resolves `arguments`; returns the files in reading order and one error per path that matched nothing.
    public static func resolve(_ arguments: [String]) -> (files: [InputFile], errors: [PipelineError]) {
        var found: [String] = []
        var errors: [PipelineError] = []
        var sawStdin = false
        for arg in arguments {
            if arg == "-" {
                sawStdin = true
                continue
            }
            var st = stat()
            if stat(arg, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    found += listDirectory(arg)
                } else {
                    found.append(arg)
                }
            } else if arg.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                let matches = expandGlob(arg)
                if matches.isEmpty {
                    errors.append(PipelineError(.missingPath, "no file matches this pattern", path: arg))
                }
                found += matches
            } else {
                let err = errno
                errors.append(PipelineError(err == ENOENT ? .missingPath : .unreadable,
                                            String(cString: strerror(err)), path: arg))
            }
        }
        var seen = Set<String>()
        let unique = found.filter { seen.insert($0).inserted }
        let ordered = unique.map { (RotationKey(path: $0), $0) }.sorted { $0.0 < $1.0 }
        var files = ordered.map { InputFile(path: $0.1, stem: $0.0.stem) }
        if sawStdin { files.append(InputFile(path: "-", stem: "-")) }
        return (files, errors)
    }

    /// Regular files directly inside `dir` (hidden files skipped).
    static func listDirectory(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            if stat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { names.append(full) }
        }
        return names.sorted()
    }

    /// Expands a shell pattern with glob(3).
    static func expandGlob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] {
                let s = String(cString: p)
                var st = stat()
                if stat(s, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { out.append(s) }
            }
        }
        return out
    }
}
