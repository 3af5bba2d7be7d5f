import ArgumentParser

/// How the files of a generated corpus are named.
enum CorpusLayout: String, ExpressibleByArgument, CaseIterable, Sendable, Codable {
    /// `rotation` for up to 100 files, else `many`.
    case auto
    /// One logrotate set, oldest first: `syslog.N.gz` … `syslog.2.gz`, `syslog.1`, `syslog`.
    case rotation
    /// Many small independent logs: `app-00001.log`, `app-00002.log`, …
    case many

    /// The layout `auto` stands for with `fileCount` files.
    func resolved(fileCount: Int) -> CorpusLayout {
        guard self == .auto else { return self }
        return fileCount <= 100 ? .rotation : .many
    }
}
