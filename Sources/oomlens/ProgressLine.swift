import OOMLensCore

/// The one-line progress display on a terminal's stderr: bytes, MB/s, ETA and events.
enum ProgressLine {
    static func show(_ p: ProgressSnapshot) {
        let mb = Double(p.bytes) / 1e6
        let rate = p.seconds > 0 ? mb / p.seconds : 0
        var line = "\r\u{1B}[K  read \(Int(mb)) MB"
        if p.diskTotal > 0 {
            let done = Double(p.diskBytes) / Double(p.diskTotal)
            line += " (\(Int(done * 100))% of \(p.diskTotal / 1_000_000) MB on disk)"
            if done > 0.01 {
                let eta = p.seconds / done - p.seconds
                line += ", ETA \(Int(eta.rounded())) s"
            }
        }
        line += ", \(Int(rate)) MB/s, \(p.events) events"
        StandardStreams.err(line)
    }

    static func clear() { StandardStreams.err("\r\u{1B}[K") }
}
