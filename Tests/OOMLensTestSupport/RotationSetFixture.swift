import Foundation

/// A generated rotation set for comparing ways of reading: two stems, plain and gzip files (one of two members
/// cut inside a line), reports that run across file and chunk boundaries, and optionally a damaged gzip file in
/// the middle. The older kern.log is followed by bytes that are not gzip (a warning).
public enum RotationSetFixture {
    /// Writes the set into `dir` and returns the paths in the order a user would list them (not rotation order).
    public static func write(in dir: TemporaryDirectory, corruptInMiddle: Bool = false) -> [String] {
        let text = CorruptCorpus.baseLog(reports: 36, seed: 23).text
        let kern = CorruptCorpus.baseLog(reports: 12, seed: 29).text
        // Cut the syslog text into 6 pieces at line ends, except the 2-member file whose members split a line.
        let pieces = split(text, into: 6)
        var paths: [String] = []
        let middle = pieces[0].startIndex + pieces[0].count / 2
        let twoMembers = GzipEncoder.compress(Array(pieces[0][..<middle])) + GzipEncoder.compress(Array(pieces[0][middle...]))
        paths.append(dir.write("syslog.5.gz", twoMembers))
        paths.append(dir.write("syslog.4", Array(pieces[1])))
        var third = GzipEncoder.compress(Array(pieces[2]))
        if corruptInMiddle { third = CorruptCorpus.flippedDeflateByte(third, at: 0.4).bytes }
        paths.append(dir.write("syslog.3.gz", third))
        paths.append(dir.write("syslog.2.gz", GzipEncoder.compress(Array(pieces[3]), level: 1)))
        paths.append(dir.write("syslog.1", Array(pieces[4])))
        paths.append(dir.write("syslog", Array(pieces[5])))
        let kernPieces = split(kern, into: 2)
        paths.append(dir.write("kern.log.1.gz", CorruptCorpus.garbageAfter(GzipEncoder.compress(Array(kernPieces[0])))))
        paths.append(dir.write("kern.log", Array(kernPieces[1])))
        return paths
    }

    /// `bytes` in `count` pieces of about equal size, each ending after a line feed.
    private static func split(_ bytes: [UInt8], into count: Int) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        for i in 1...count {
            var end = i == count ? bytes.count : bytes.count * i / count
            while end < bytes.count, bytes[end - 1] != 0x0A { end += 1 }
            pieces.append(bytes[start..<end])
            start = end
        }
        return pieces
    }
}
