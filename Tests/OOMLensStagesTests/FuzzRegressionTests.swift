import OOMLensCore
import OOMLensSinkAPI
import OOMLensStages
import Testing

/// Inputs the fuzzers (scripts/fuzz.sh) found, each reduced to the line that broke an invariant.
@Suite struct FuzzRegressionTests {
    /// FuzzTokenizer: a syslog line dated `Sep  0` gave the event time `…-09-00T…`. An impossible day or clock is not
    /// a timestamp: the line is not read as that prefix format, and no wall time is set.
    @Test(arguments: [
        "Sep  0 11:03:06 other-server kernel: x",
        "Sep 31 11:03:06 host kernel: x",
        "Feb 30 11:03:06 host kernel: x",
        "Jan  1 25:03:06 host kernel: x",
        "Jan  1 11:60:06 host kernel: x",
        "Jan  1 11:03:61 host kernel: x",
        "2024-02-30T08:41:30.123+00:00 host kernel: x",
        "2024-01-00T08:41:30Z host kernel: x",
        "2024-01-21T24:41:30Z host kernel: x",
        "[Mon Aug 32 03:54:03 2025] x",
        "[Mon Aug 12 03:74:03 2025] x",
    ])
    func impossibleDatesAreNotTimestamps(line: String) {
        let t = tokenizeOne(line)
        if t.time.isSet {
            Issue.record("\(line) gave a wall time: \(t.time)")
        }
    }

    /// The checks do not reject real dates: Feb 29 (a prefix may print no year), Dec 31, 23:59:60 (a leap second).
    @Test(arguments: [
        "Feb 29 11:03:06 host kernel: x",
        "Dec 31 23:59:60 host kernel: x",
        "2024-04-30T00:00:00Z host kernel: x",
        "[Mon Aug 31 03:54:03 2025] x",
    ])
    func realDatesStillParse(line: String) {
        #expect(tokenizeOne(line).time.isSet)
    }

    /// FuzzAssembler: `Task in killed as a result of limit of …` (no cgroup name: the separator's leading space is
    /// the prefix's last byte) built a reversed range and stopped the process.
    @Test func memcgLineWithEmptyTaskCgroup() {
        let event = DecoderInput.decode("Task in killed as a result of limit of mm: f /mem3")
        #expect(event.memcg?.task_cgroup == "")
        #expect(event.memcg?.oom_cgroup == "mm: f /mem3")
    }
}
