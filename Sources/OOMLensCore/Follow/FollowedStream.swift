#if canImport(Glibc)
import Glibc
#endif

/// One followed path: its own framer and line stages, the files of its rotation set still to read, the file being
/// read, and the finished files whose lines a stage may still hold.
///
/// Rotation by rename: at the end of the old file, when the path names another file, the old file is read once
/// more to its end, its unfinished last line is delivered, and reading goes on with any newer rotated file and
/// then the new file from its start (when the new file stays empty, the old one is watched for
/// ``FollowOptions/rotateWaitMilliseconds`` first, for a writer that has not reopened yet). Copytruncate: when
/// the live file shrinks or its first bytes change, the lines not read yet are taken from the copy among the
/// rotated files (matched by fingerprint), then the live file is read from its start.
final class FollowedStream {
    /// The path as followed (absolute).
    let path: String
    let stages: [any LineStage]
    let context: StageContext
    let framer: LineFramer
    private let pipeline: Pipeline
    private let options: FollowOptions
    private let nextInputIndex: () -> Int
    private let note: (String) -> Void

    private var queue: [FollowedFile] = []
    private(set) var current: FollowedFile?
    /// Finished files, oldest first, that may still hold the oldest line a stage needs.
    private var retained: [FollowedFile] = []
    /// The file read to its end last (kept open).
    private var lastLeft: FollowedFile?
    /// Files read to their end and acknowledged, oldest first (the checkpoint keeps the newest ones).
    private var records: [CheckpointedFile] = []
    private static let keptRecords = 64

    private var lastActivity: Double
    private var idleFired = true
    private var replacedSince: Double?
    private var lastCaughtUp: Double
    /// True when the live file was read to the writer's end and nothing is queued.
    private(set) var caughtUp = false

    /// What happened, for `--stats` and the sinks' counters.
    private(set) var counters: [String: Int] = [:]
    /// Events each line stage made.
    private(set) var stageEvents: StageEventCounts
    /// When bytes were last read (nil before the first).
    private var lastRead: Double?

    init(path: String, stages: [any LineStage], pipeline: Pipeline, options: FollowOptions, now: Double,
         nextInputIndex: @escaping () -> Int, note: @escaping (String) -> Void) {
        self.path = path
        self.stages = stages
        self.pipeline = pipeline
        self.options = options
        self.nextInputIndex = nextInputIndex
        self.note = note
        context = StageContext()
        context.live = true
        framer = LineFramer(maxLineBytes: options.maxLineBytes, readSize: options.readBytes,
                            batchLines: options.batchLines)
        stageEvents = StageEventCounts(stages: stages)
        lastActivity = now
        lastCaughtUp = now
    }

    /// Plans the first files to read.
    func start(_ start: RotationPlanner.Start) {
        // The checkpoint's files stay known (also the last one) until newer files replace them.
        if case .resume(let checkpoint) = start { records = Array(checkpoint.files.suffix(Self.keptRecords)) }
        let plan = RotationPlanner.plan(path: path, start: start)
        for n in plan.notes { note("\(path): \(n)") }
        queue = plan.files
    }

    private func count(_ name: String, _ amount: Int = 1) {
        counters[name, default: 0] += amount
    }

    private func deliverBatch(_ batch: LineBatch) {
        for (i, stage) in stages.enumerated() {
            let before = context.events.count
            stage.process(batch, context)
            stageEvents.add(context.events.count - before, at: i)
        }
        if !context.events.isEmpty { pipeline.deliver(from: context) }
    }

    // MARK: - reading

    /// Reads what is available (up to the read budget), switching files as rotation requires. Returns true when
    /// something happened that may let it go on at once (bytes read, a file opened or finished). `draining` (the
    /// last reads before a stop) switches to a new file at once, without the rotation wait for a late writer:
    /// lines it writes to the old file later are read after a restart, which finds that file by fingerprint.
    func step(now: Double, draining: Bool = false) -> Bool {
        // A live file waiting behind a backlog: take its fingerprint as it fills, so that a copytruncate before
        // its turn finds the copy.
        if let waiting = queue.last, waiting.isLive { _ = waiting.contentWasReplaced() }
        guard let file = current else {
            if !queue.isEmpty {
                begin(queue.removeFirst(), now: now)
                return true
            }
            if openLiveIfPresent(now: now) { return true }
            markCaughtUp(now)
            return false
        }
        if file.isLive, file.contentWasReplaced() {
            handleTruncation(file, now: now)
            return true
        }
        let before = framer.readOffset
        let atEnd = pump(file, budget: options.readBudgetBytes)
        let progressed = framer.readOffset != before
        if progressed {
            lastActivity = now
            lastRead = now
            idleFired = false
        }
        if !atEnd {
            caughtUp = false
            return true
        }
        if !file.isLive || file.failure != nil {
            finish(file)
            return true
        }
        if file.contentWasReplaced() {
            // Truncated while it was read (the reader stopped at the first bytes of the new content).
            handleTruncation(file, now: now)
            return true
        }
        switch liveState(of: file) {
        case .same, .missing:
            // .missing: renamed and not replaced yet; the writer may still append to it.
            replacedSince = nil
            markCaughtUp(now)
            return progressed
        case .replaced(let newFileIsEmpty):
            let since = replacedSince ?? now
            replacedSince = since
            if newFileIsEmpty && !draining
                && now - max(lastActivity, since) < Double(options.rotateWaitMilliseconds) / 1000
            {
                markCaughtUp(now)
                return progressed
            }
            rotate(file, now: now)
            return true
        }
    }

    private func markCaughtUp(_ now: Double) {
        caughtUp = queue.isEmpty
        if caughtUp { lastCaughtUp = now }
    }

    /// Reads `file` into the framer; returns true at its end (or when reading failed).
    private func pump(_ file: FollowedFile, budget: Int) -> Bool {
        do {
            return try framer.pump(maxBytes: budget, { (chunk: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int in
                try file.read(into: chunk)
            }, deliverBatch)
        } catch {
            note("\(error)")
            count("read errors")
            return true
        }
    }

    private func begin(_ file: FollowedFile, now: Double) {
        let (_, modified) = file.currentSizeAndTime()
        let (year, month) = Pipeline.referenceYearMonth(modified / 1_000_000_000)
        let input = InputContext(path: file.path, index: nextInputIndex(), stem: path, referenceYear: year,
                                 referenceMonth: month)
        file.context = input
        framer.begin(input, offset: file.plannedStart, lineNumber: file.startLine)
        current = file
        lastActivity = now
        replacedSince = nil
        count("files opened")
    }

    /// With no live file open and nothing queued: opens the path from its start if it exists now.
    private func openLiveIfPresent(now: Double) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        // The file last left (read to its end, or failing; still open, so its inode is not reused) is not read
        // again until the path names another one.
        if let last = lastLeft, last.device == UInt64(st.st_dev), last.inode == UInt64(st.st_ino) { return false }
        guard let file = try? FollowedFile(path: path, isLive: true) else { return false }
        file.start(at: 0, line: 1)
        begin(file, now: now)
        return true
    }

    /// Leaves a file read to its end: its unfinished last line is a line now.
    private func finish(_ file: FollowedFile) {
        if framer.deliverPartialLine(deliverBatch) { count("unterminated last lines") }
        if file.restartedFromZero {
            note("\(file.path): the saved inflate restart point did not work; the file was inflated from byte 0")
            count("gzip restart points that failed")
        }
        if let garbage = file.trailingGarbageOffset {
            note("\(file.path): bytes after the last gzip member ignored (at compressed byte \(garbage))")
            count("gzip trailing garbage")
        }
        file.finishedLength = framer.readOffset
        file.finishedLine = framer.resumeLineNumber
        file.isLive = false
        retained.append(file)
        lastLeft = file
        current = nil
    }

    private enum LiveState {
        case same, missing
        case replaced(newFileIsEmpty: Bool)
    }

    private func liveState(of file: FollowedFile) -> LiveState {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        if UInt64(st.st_dev) == file.device && UInt64(st.st_ino) == file.inode { return .same }
        return .replaced(newFileIsEmpty: st.st_size == 0)
    }

    /// Rename rotation: drain the old file, then read any newer rotated file and the new live file.
    private func rotate(_ file: FollowedFile, now: Double) {
        // The writer may have appended to the old file after our last read and before it reopened the path.
        while !pump(file, budget: .max) {}
        finish(file)
        count("rotations")
        let known = records + retained.map { record($0, offset: $0.finishedLength ?? 0, line: $0.finishedLine) }
        let plan = RotationPlanner.plan(path: path, start: .resume(StreamCheckpoint(files: known)))
        for n in plan.notes { note("\(path): \(n)") }
        queue = plan.files
        lastActivity = now
    }

    /// Copytruncate (or any truncation): the live file lost its content. The lines not read yet are in the copy
    /// among the rotated files (found by the old fingerprint, even gzipped or rotated again since); the rotated
    /// files newer than the copy and then the live file are read from their start.
    private func handleTruncation(_ file: FollowedFile, now: Double) {
        count("truncations")
        file.finishedLength = framer.resumeOffset
        file.finishedLine = framer.resumeLineNumber
        file.isLive = false
        retained.append(file)
        current = nil
        let known = records + retained.map { record($0, offset: $0.finishedLength ?? 0, line: $0.finishedLine) }
        let plan = RotationPlanner.plan(path: path, start: .resume(StreamCheckpoint(files: known)))
        if plan.resumeFound {
            // The copy holds the unfinished last line too: it is read again from there.
            framer.discardPending()
        } else {
            if framer.deliverPartialLine(deliverBatch) { count("unterminated last lines") }
            file.finishedLength = framer.readOffset
            file.finishedLine = framer.resumeLineNumber
            note("\(path): truncated, and no rotated copy of its old content was found; reading it from its start")
        }
        for n in plan.notes where plan.resumeFound { note("\(path): \(n)") }
        queue = plan.files
        lastActivity = now
    }

    // MARK: - timers (only at the writer's end of the data)

    /// Delivers an unfinished last line, or tells the stages the data is idle, when their time has come.
    /// Returns true when it did either.
    func fireTimers(now: Double) -> Bool {
        guard caughtUp else { return false }
        if framer.hasPartialLine {
            guard now - lastActivity >= Double(options.partialLineMilliseconds) / 1000 else { return false }
            if framer.deliverPartialLine(deliverBatch) { count("partial lines delivered after the idle time") }
            return true
        }
        guard !idleFired, now - lastActivity >= Double(options.idleMilliseconds) / 1000 else { return false }
        idleFired = true
        for (i, stage) in stages.enumerated() {
            let before = context.events.count
            stage.idle(context)
            stageEvents.add(context.events.count - before, at: i)
        }
        if !context.events.isEmpty {
            count("events emitted after the idle time", pipeline.deliver(from: context))
        }
        return true
    }

    /// When ``fireTimers(now:)`` or a rotation wait has something to do next, if anything.
    func nextDeadline() -> Double? {
        var deadline: Double?
        if caughtUp {
            if framer.hasPartialLine {
                deadline = lastActivity + Double(options.partialLineMilliseconds) / 1000
            } else if !idleFired {
                deadline = lastActivity + Double(options.idleMilliseconds) / 1000
            }
        }
        if let since = replacedSince {
            let wait = max(lastActivity, since) + Double(options.rotateWaitMilliseconds) / 1000
            deadline = min(deadline ?? wait, wait)
        }
        return deadline
    }

    // MARK: - checkpoint and progress

    /// Where a restart must begin: the first line a stage still holds, else the first byte not yet delivered.
    /// Files before that point are finished and acknowledged: they move to the records.
    func checkpoint() -> StreamCheckpoint {
        let held = stages.compactMap { $0.oldestHeldLine() }.min { $0.precedes($1) }
        var resume: (file: FollowedFile, offset: Int64, line: Int)?
        if let held, let file = (retained + (current.map { [$0] } ?? [])).first(where: { $0.context === held.input }) {
            resume = (file, held.offset, held.lineNumber)
        } else if let current {
            resume = (current, framer.resumeOffset, framer.resumeLineNumber)
        } else if let next = queue.first {
            resume = (next, next.plannedStart, next.startLine)
        } else if let last = retained.last {
            resume = (last, last.finishedLength ?? 0, last.finishedLine)
        }
        if let resume {
            while let first = retained.first, first !== resume.file {
                remember(record(first, offset: first.finishedLength ?? 0, line: first.finishedLine))
                retained.removeFirst()
            }
        }
        if records.count > Self.keptRecords { records.removeFirst(records.count - Self.keptRecords) }
        guard let resume else { return StreamCheckpoint(files: records) }
        let last = record(resume.file, offset: resume.offset, line: resume.line)
        return StreamCheckpoint(files: records.filter { !Self.sameFile($0, last) } + [last])
    }

    /// Adds a record, replacing an older one of the same file.
    private func remember(_ new: CheckpointedFile) {
        records.removeAll { Self.sameFile($0, new) }
        records.append(new)
    }

    private static func sameFile(_ a: CheckpointedFile, _ b: CheckpointedFile) -> Bool {
        a.device == b.device && a.inode == b.inode && a.gzip == b.gzip
    }

    private func record(_ file: FollowedFile, offset: Int64, line: Int) -> CheckpointedFile {
        let (size, modified) = file.currentSizeAndTime()
        let point = file.isGzip ? file.syncPoint(atOrBefore: offset) : nil
        let finished = file.finishedLength.map { offset >= $0 } ?? false
        return CheckpointedFile(path: file.path, fingerprint: file.fingerprint, device: file.device,
                                inode: file.inode, gzip: file.isGzip, decompressedOffset: offset,
                                compressedOffset: file.isGzip ? (point?.compressedOffset ?? 0) : offset, line: line,
                                size: size, modifiedNanoseconds: modified, finished: finished, syncPoint: point)
    }

    /// Progress of the file being read (or the last one read).
    func progress(now: Double) -> FollowFileProgress {
        let file = current ?? retained.last
        let (size, _) = file?.currentSizeAndTime() ?? (0, 0)
        return FollowFileProgress(stream: path, path: file?.path ?? path, gzip: file?.isGzip ?? false,
                                  diskOffset: file?.compressedOffset ?? 0, diskSize: size,
                                  offset: file?.decompressedOffset ?? 0, queuedFiles: queue.count,
                                  caughtUp: caughtUp, lagSeconds: caughtUp ? 0 : now - lastCaughtUp,
                                  secondsSinceRead: lastRead.map { now - $0 },
                                  waiting: current == nil && queue.isEmpty)
    }
}
