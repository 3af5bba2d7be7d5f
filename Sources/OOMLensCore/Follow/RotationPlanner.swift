#if canImport(Glibc)
import Glibc
#endif

/// Decides which files of a followed path's rotation set to read, in which order and from where: at start (from the
/// checkpoint, or on a first start) and after a rotation.
///
/// Files are matched to checkpoint records by content (``FileFingerprint``), with device and inode as a hint, so a
/// file found again under another name or gzipped is recognised. With the file where reading stopped found, the
/// files older than it are skipped, it is read from its recorded offset, and the newer ones from their start. A
/// file recorded as finished is skipped when its length is the recorded one. When the file where reading stopped
/// is gone, the files modified since it was last read are read from their start.
enum RotationPlanner {
    /// How the stream starts.
    enum Start {
        /// No checkpoint for the path: the live file from its end, or with `fromStart` every file of the set.
        case firstStart(fromStart: Bool)
        /// Go on from a checkpoint (or from the stream's own records after a rotation).
        case resume(StreamCheckpoint)
    }

    /// The files to read, opened and positioned, oldest first (the live file last when it exists), and notes for
    /// the operator.
    struct Plan {
        var files: [FollowedFile] = []
        var notes: [String] = []
        /// For ``Start/resume(_:)``: true when the file where reading stopped was found.
        var resumeFound = false
    }

    static func plan(path: String, start: Start) -> Plan {
        var plan = Plan()
        let (candidates, live) = openRotationSet(path, notes: &plan.notes)

        switch start {
        case .firstStart(fromStart: true):
            for file in candidates { file.start(at: 0, line: 1) }
            plan.files = candidates
        case .firstStart(fromStart: false):
            if let live {
                live.startAfterLastCompleteLine()
                plan.files = [live]
            }
        case .resume(let checkpoint):
            guard let resume = checkpoint.resume else {
                // The path did not exist when the checkpoint was written: everything here is new.
                for file in candidates { file.start(at: 0, line: 1) }
                plan.files = candidates
                break
            }
            let finished = Array(checkpoint.files.dropLast())
            let resumeIndex = bestMatch(for: resume, in: candidates)
            plan.resumeFound = resumeIndex != nil
            if resumeIndex == nil {
                plan.notes.append("the file last read (\(resume.path), fingerprint \(resume.fingerprint.hash)) is "
                                  + "gone; reading the files changed since then from their start")
            }
            for (i, file) in candidates.enumerated() {
                if let resumeIndex {
                    if i < resumeIndex { continue }
                    if i == resumeIndex {
                        if let offset = startOffset(file, record: resume) {
                            file.start(at: offset, line: resume.line,
                                       syncPoint: file.isGzip && resume.gzip ? resume.syncPoint : nil)
                            plan.files.append(file)
                        }
                        continue
                    }
                    // A twin of the file where reading stopped (`syslog.1` and its `syslog.1.gz`): same content.
                    if matches(file, resume) { continue }
                }
                if let record = finished.filter({ matches(file, $0) }).max(by: { $0.decompressedOffset < $1.decompressedOffset }) {
                    if let offset = startOffset(file, record: record) {
                        file.start(at: offset, line: record.line)
                        plan.files.append(file)
                    }
                    continue
                }
                if resumeIndex == nil {
                    let (_, modified) = file.currentSizeAndTime()
                    if modified < resume.modifiedNanoseconds && !file.isLive { continue }
                }
                file.start(at: 0, line: 1)
                plan.files.append(file)
            }
        }
        return plan
    }

    /// Opens the rotated files (oldest first) and the live file. A rotation that renames files while they are
    /// opened would mix up names and order, so the directory is listed again afterwards and everything is opened
    /// again until two listings agree and no listed file went missing.
    private static func openRotationSet(_ path: String, notes: inout [String]) -> ([FollowedFile], FollowedFile?) {
        var attempt = 0
        while true {
            attempt += 1
            let listing = RotationSet.rotatedFiles(of: path)
            var candidates: [FollowedFile] = []
            var raced = false
            var problems: [String] = []
            for member in listing {
                do { candidates.append(try FollowedFile(path: member, isLive: false)) } catch {
                    if error.code == .missingPath { raced = true } else { problems.append("skipping \(error)") }
                }
            }
            var live: FollowedFile?
            do { live = try FollowedFile(path: path, isLive: true) } catch {
                if error.code != .missingPath { problems.append("cannot open \(error)") }
            }
            if (raced || RotationSet.rotatedFiles(of: path) != listing) && attempt < 50 {
                usleep(2000)
                continue
            }
            notes += problems
            if let live { candidates.append(live) }
            return (candidates, live)
        }
    }

    /// Where to start reading `file`, which matched `record`: nil when a rotated file holds nothing new.
    private static func startOffset(_ file: FollowedFile, record: CheckpointedFile) -> Int64? {
        guard !file.isLive else { return record.decompressedOffset }
        if file.isGzip {
            if let trailer = file.gzipTrailerLength(), record.finished,
               trailer == UInt32(truncatingIfNeeded: record.decompressedOffset) {
                return nil
            }
            if record.gzip, record.finished, file.currentSizeAndTime().size == record.size { return nil }
            return record.decompressedOffset
        }
        return file.currentSizeAndTime().size > record.decompressedOffset ? record.decompressedOffset : nil
    }

    /// True when `file` holds the content `record` describes.
    static func matches(_ file: FollowedFile, _ record: CheckpointedFile) -> Bool {
        if record.fingerprint.byteCount == 0 {
            return file.device == record.device && file.inode == record.inode
        }
        guard record.fingerprint.matches(head: file.head) else { return false }
        if !file.isGzip, file.currentSizeAndTime().size < record.decompressedOffset { return false }
        return true
    }

    /// The candidate that is the file `record` describes: same content; among several, the same inode, then a
    /// plain file, then the oldest.
    private static func bestMatch(for record: CheckpointedFile, in candidates: [FollowedFile]) -> Int? {
        let matching = candidates.indices.filter { matches(candidates[$0], record) }
        func rank(_ i: Int) -> Int {
            let f = candidates[i]
            return (f.device == record.device && f.inode == record.inode ? 0 : 2) + (f.isGzip ? 1 : 0)
        }
        return matching.min { rank($0) < rank($1) || (rank($0) == rank($1) && $0 < $1) }
    }
}
