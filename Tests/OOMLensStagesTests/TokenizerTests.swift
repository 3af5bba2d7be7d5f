import OOMLensCore
import OOMLensStages
import Testing

/// The tokenizer's reading of one line, as strings for assertions.
struct Tokenized: Equatable, CustomStringConvertible {
    var format: LinePrefixFormat
    var host: String?
    var program: String?
    var pid: Int32
    var message: String
    var kernel: Bool
    var uptimeMicros: Int64
    var time: PackedTime
    var flags: UInt8
    var description: String { "\(format) host=\(host ?? "-") prog=\(program ?? "-") pid=\(pid) msg=\(message)" }
}

/// Tokenizes `text` (one or more lines) as if read from a file modified in `year`/`month`.
func tokenize(_ text: String, year: Int = 2024, month: Int = 6) -> [Tokenized] {
    var bytes = Array(text.utf8)
    var starts: [Int32] = []
    var ends: [Int32] = []
    var s = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        starts.append(Int32(s))
        ends.append(Int32(i))
        s = i + 1
    }
    if s < bytes.count {
        starts.append(Int32(s))
        ends.append(Int32(bytes.count))
    }
    let stage = TokenizerStage(options: .init())
    let context = StageContext()
    let input = InputContext(path: "t", index: 0, stem: "t", referenceYear: year, referenceMonth: month)
    return bytes.withUnsafeMutableBytes { raw in
        starts.withUnsafeBufferPointer { st in
            ends.withUnsafeBufferPointer { en in
                let batch = LineBatch(base: UnsafeRawPointer(raw.baseAddress!), starts: st, ends: en, firstLineNumber: 1,
                                      baseOffset: 0, input: input)
                stage.process(batch, context)
                return context.fields.map { f in
                    func str(_ a: Int32, _ b: Int32) -> String? {
                        b > a ? String(decoding: batch.bytes(a, b), as: UTF8.self) : nil
                    }
                    return Tokenized(format: f.format, host: str(f.hostStart, f.hostEnd),
                                     program: str(f.programStart, f.programEnd), pid: f.pid,
                                     message: str(f.messageStart, f.messageEnd) ?? "", kernel: f.isKernel,
                                     uptimeMicros: f.uptimeMicros, time: f.time, flags: f.flags)
                }
            }
        }
    }
}

func tokenizeOne(_ line: String, year: Int = 2024, month: Int = 6) -> Tokenized {
    tokenize(line, year: year, month: month)[0]
}

struct TokenizerTests {
    @Test func traditionalSyslogWithKernelTimestamp() {
        let t = tokenizeOne("Feb  2 04:10:01 ldr kernel: [ 1234.567890] python invoked oom-killer: gfp_mask=0x2084d0")
        #expect(t.format == .traditionalSyslog)
        #expect(t.host == "ldr")
        #expect(t.program == "kernel")
        #expect(t.kernel)
        #expect(t.uptimeMicros == 1_234_567_890)
        #expect(t.message == "python invoked oom-killer: gfp_mask=0x2084d0")
        #expect(t.time.year == 2024 && t.time.month == 2 && t.time.day == 2)
        #expect(t.time.hour == 4 && t.time.minute == 10 && t.time.second == 1)
    }

    @Test func traditionalSyslogOtherProgramWithPid() {
        let t = tokenizeOne("Jun 20 12:47:02 new-db1 sshd[4242]: Accepted publickey for root")
        #expect(t.host == "new-db1")
        #expect(t.program == "sshd")
        #expect(t.pid == 4242)
        #expect(!t.kernel)
        #expect(t.message == "Accepted publickey for root")
    }

    @Test func busyboxFacilityLevel() {
        let t = tokenizeOne("Jun 10 13:33:11 xx user.warn kernel: DMA free:3548kB min:68kB")
        #expect(t.format == .traditionalSyslog)
        #expect(t.host == "xx")
        #expect(t.program == "kernel")
        #expect(t.message == "DMA free:3548kB min:68kB")
    }

    @Test func yearIsInferredWithDecemberToJanuaryRollover() {
        // The file was last written in January 2025: December lines belong to 2024.
        let lines = tokenize("Dec 31 23:59:59 h kernel: a\nJan  1 00:00:01 h kernel: b\n", year: 2025, month: 1)
        #expect(lines[0].time.year == 2024)
        #expect(lines[1].time.year == 2025)
        #expect(lines[1].time.day == 1)
    }

    @Test func journalctlShortPrecise() {
        let t = tokenizeOne("Jan 21 08:41:30.123456 web1 kernel: Out of memory: Killed process 1 (x)")
        #expect(t.format == .journalPrecise)
        #expect(t.time.nanoseconds == 123_456_000)
        #expect(t.host == "web1")
        #expect(t.message == "Out of memory: Killed process 1 (x)")
    }

    @Test func journalctlShortIsoAndRsyslogRFC3339() {
        let a = tokenizeOne("2025-01-21T08:41:30+0000 web1 kernel: Mem-Info:")
        #expect(a.format == .isoSyslog)
        #expect(a.host == "web1")
        #expect(a.kernel)
        #expect(a.time.year == 2025 && a.time.hasOffset && a.time.offsetMinutes == 0)
        #expect(a.message == "Mem-Info:")
        let b = tokenizeOne("2024-03-05T10:11:12.345678-05:30 db2 systemd[1]: Started x.")
        #expect(b.time.offsetMinutes == -330)
        #expect(b.time.nanoseconds == 345_678_000)
        #expect(b.program == "systemd" && b.pid == 1 && !b.kernel)
    }

    @Test func rfc5424() {
        let t = tokenizeOne("<4>1 2024-01-21T08:41:30.1Z host1 kernel - - - Killed process 5 (a)")
        #expect(t.format == .rfc5424)
        #expect(t.host == "host1")
        #expect(t.program == "kernel")
        #expect(t.kernel)
        #expect(t.message == "Killed process 5 (a)")
        let s = tokenizeOne(#"<165>1 2003-10-11T22:14:15.003Z mymachine evntslog 77 ID47 [exampleSDID@32473 iut="3"] An application event"#)
        #expect(s.program == "evntslog" && s.pid == 77)
        #expect(s.message == "An application event")
    }

    @Test func journalctlShortMonotonic() {
        let t = tokenizeOne("[ 5678.123456] web1 kernel: oom_reaper: reaped process 1 (x)")
        #expect(t.format == .journalMonotonic)
        #expect(t.host == "web1")
        #expect(t.uptimeMicros == 5_678_123_456)
        #expect(t.message == "oom_reaper: reaped process 1 (x)")
    }

    @Test func rawDmesg() {
        let t = tokenizeOne("[101236.553584] app invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE)")
        #expect(t.format == .dmesg)
        #expect(t.host == nil)
        #expect(t.kernel)
        #expect(t.uptimeMicros == 101_236_553_584)
        #expect(t.message == "app invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE)")
        // "Hardware name:" must not pass for a host and a program.
        let h = tokenizeOne("[    1.000000] Hardware name: QEMU Standard PC")
        #expect(h.format == .dmesg)
        #expect(h.message == "Hardware name: QEMU Standard PC")
        let lvl = tokenizeOne("<4>[12345.342532] systemd-journal invoked oom-killer: gfp_mask=0x800d0, order=0")
        #expect(lvl.format == .dmesg)
        #expect(lvl.message.hasPrefix("systemd-journal invoked"))
    }

    @Test func dmesgContinuationLineIsMarked() {
        let t = tokenizeOne("[  12.000000]  active_file:1263 inactive_file:1218")
        #expect(t.message == "active_file:1263 inactive_file:1218")
        #expect(t.flags & LineFields.continuation != 0)
    }

    @Test(arguments: [
        ("[Mon Aug 12 03:54:03 2025] php-fpm invoked oom-killer", 8),
        ("[Di Aug 12 03:54:03 2025] php-fpm invoked oom-killer", 8),
        ("[mar. déc. 3 03:54:03 2024] php-fpm invoked oom-killer", 12),
        ("[Do Mär 14 03:54:03 2024] php-fpm invoked oom-killer", 3),
        ("[пт окт 11 03:54:03 2024] php-fpm invoked oom-killer", 10),
    ])
    func dmesgHumanInAnyLocale(line: String, month: Int) {
        let t = tokenizeOne(line)
        #expect(t.format == .dmesgHuman)
        #expect(Int(t.time.month) == month)
        #expect(t.time.hour == 3 && t.time.minute == 54 && t.time.second == 3)
        #expect(t.message == "php-fpm invoked oom-killer")
    }

    @Test func dmesgTimeFormatIsoAndDecode() {
        let a = tokenizeOne("2025-01-21T08:41:30,287197+00:00 node invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL)")
        #expect(a.format == .dmesgISO)
        #expect(a.kernel)
        #expect(a.time.nanoseconds == 287_197_000)
        #expect(a.message.hasPrefix("node invoked"))
        let b = tokenizeOne("kern  :warn  : 2025-01-21T04:41:44,283302+00:00 NVRM: Xid 13")
        #expect(b.format == .dmesgISO)
        #expect(b.kernel)
        #expect(b.message == "NVRM: Xid 13")
        let c = tokenizeOne("daemon:info  : 2025-01-21T04:41:44,283302+00:00 systemd[1]: x")
        #expect(!c.kernel)
    }

    @Test func kmsgRecords() {
        let t = tokenizeOne("6,22743,6115623303887,-;Out of memory: Killed process 9 (x)")
        #expect(t.format == .kmsg)
        #expect(t.kernel)
        #expect(t.uptimeMicros == 6_115_623_303_887)
        #expect(t.message == "Out of memory: Killed process 9 (x)")
        let user = tokenizeOne("14,1,100,-;user space message")
        #expect(!user.kernel)
    }

    @Test func bareKernelText() {
        let t = tokenizeOne("Out of memory: Kill process 1012 (heapster) score 1035 or sacrifice child")
        #expect(t.format == .bare)
        #expect(t.kernel)
        #expect(t.message == "Out of memory: Kill process 1012 (heapster) score 1035 or sacrifice child")
        let digits = tokenizeOne("1024 total pagecache pages")
        #expect(digits.format == .bare)
        #expect(digits.message == "1024 total pagecache pages")
    }

    @Test func rsyslogEscapesSplitIntoMessages() {
        let pieces = tokenize("Feb  1 11:10:32 h kernel: active_anon:7355653 inactive_anon:660960#012 active_file:1263 inactive_file:1218#012 free:1\n")
        #expect(pieces.map(\.message) == ["active_anon:7355653 inactive_anon:660960", "active_file:1263 inactive_file:1218", "free:1"])
        #expect(pieces.allSatisfy { $0.host == "h" && $0.kernel })
        #expect(pieces[1].flags & LineFields.splitFromEscape != 0)
        #expect(pieces[1].flags & LineFields.continuation != 0)
    }

    @Test func emptyAndBinaryLinesDoNotCrash() {
        let many = tokenize("\n\u{0}\u{0}\n[\n<\n<1>\n2024-\nJan \n[ 12.\n[Mon \n6,1,2\n", year: 2024, month: 1)
        #expect(many.count == 10)
    }
}

struct TokenizerEdgeTests {
    @Test func unpaddedSingleDigitDay() {
        let t = tokenizeOne("Feb 2 04:10:01 ldr kernel: python invoked oom-killer: gfp_mask=0x2084d0")
        #expect(t.format == .traditionalSyslog)
        #expect(t.host == "ldr" && t.kernel)
        #expect(t.time.day == 2 && t.time.hour == 4)
        #expect(t.message.hasPrefix("python invoked"))
    }

    @Test func taskRowsAreNotKernelTimestamps() {
        let s = tokenizeOne("Feb  2 04:10:01 ldr kernel: [  593]     0   593     4680      546      12        0             0 python")
        #expect(s.uptimeMicros == -1)
        #expect(s.message.hasPrefix("[  593]"))
        let bare = tokenizeOne("[ 1386]  1000  1386    12345     2000      30        0             0 python")
        #expect(bare.format == .bare)
        #expect(bare.message.hasPrefix("[ 1386]"))
        let both = tokenizeOne("Feb  2 04:10:01 ldr kernel: [ 12.5] [  593]     0   593 python")
        #expect(both.uptimeMicros == 12_500_000)
        #expect(both.message.hasPrefix("[  593]"))
    }
}
