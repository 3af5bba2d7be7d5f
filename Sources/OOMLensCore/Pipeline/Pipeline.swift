#if canImport(Glibc)
import Glibc
#endif
import OOMLensSinkAPI
import Synchronization

/// Runs inputs through line stages, event stages and sinks: the streaming core of a batch run.
///
/// The core knows stages and sinks only through their protocols. Line stages are called once per batch of
/// lines; events that a batch produces go through the event stages and then to every sink. With
/// `deliveryThread` on (the default), a batch run does the second half on a thread of its own: reading and
/// tokenizing go on while reports are decoded and written, and the output is the same, event for event. With
/// `readAheadThread` on (by default, when `deliveryThread` is), another thread opens and decompresses the
/// inputs in order, ahead of the framing (``ReadAheadThread``).
public final class Pipeline {
    public let lineStages: [any LineStage]
    public let eventStages: [any EventStage]
    public let sinks: [(name: String, sink: any EventSink)]
    public let framer: LineFramer
    public let context = StageContext()
    private var summary = RunSummary()
    private var failedSinks = Set<Int>()
    /// Deliver events on a second thread in ``run(_:initialErrors:progress:)``.
    public let deliveryThread: Bool
    /// Decompress on a thread of its own in ``run(_:initialErrors:progress:)``, ahead of framing.
    public let readAheadThread: Bool
    /// The library that inflates gzip input (tests compare them).
    var inflateLibrary = InflateLibrary.batch
    /// The context the delivery thread's stages write to, merged into the summary at the end of the run.
    private var deliveryContext = StageContext()
    private var delivery: DeliveryThread?
    /// Events delivered so far, readable from the reading thread while the delivery thread runs.
    private let deliveredCount = Mutex<Int>(0)
    /// Events made by each line stage (batch runs; follow mode counts per followed path) and passed on by each
    /// event stage (in a batch run, on the delivery thread: read them once the run returned).
    public private(set) var lineStageEvents: StageEventCounts
    public private(set) var eventStageEvents: StageEventCounts

    public init(lineStages: [any LineStage], eventStages: [any EventStage],
                sinks: [(name: String, sink: any EventSink)], maxLineBytes: Int = 1 << 20,
                readSize: Int = 1 << 20, batchLines: Int = 1024, deliveryThread: Bool = true,
                readAheadThread: Bool? = nil) {
        self.lineStages = lineStages
        self.eventStages = eventStages
        self.sinks = sinks
        self.deliveryThread = deliveryThread
        self.readAheadThread = readAheadThread ?? deliveryThread
        framer = LineFramer(maxLineBytes: maxLineBytes, readSize: readSize, batchLines: batchLines)
        lineStageEvents = StageEventCounts(stages: lineStages)
        eventStageEvents = StageEventCounts(stages: eventStages)
        context.lineInterests = Self.interests(of: lineStages)
    }

    /// The stages' line interests, or none when a stage reads every line.
    static func interests(of stages: [any LineStage]) -> [any LineInterest] {
        var interests: [any LineInterest] = []
        for stage in stages {
            switch stage.lineNeeds {
            case .everyLine: return []
            case .only(let interest): interests.append(interest)
            case .ownFields: break
            }
        }
        return interests
    }

    /// Reads every file in order, then flushes and closes the sinks, and returns the summary.
    ///
    /// Files with the same stem are one stream: stages see `endOfStream` only when the stem changes. An input
    /// that fails is recorded and the run goes on with the next one.
    public func run(_ files: [InputFile], initialErrors: [PipelineError] = [],
                    progress: ((ProgressSnapshot) -> Void)? = nil) -> RunSummary {
        summary = RunSummary()
        // While the delivery thread runs, it alone writes `summary`: this thread keeps its tallies apart.
        var inputErrors = initialErrors
        var filesRead = 0
        var compressedBytes: Int64 = 0
        let clock = MonotonicClock()
        if deliveryThread {
            deliveryContext = StageContext()
            context.defersCompletion = true
            delivery = DeliveryThread { [unowned self] events in
                self.deliverNow(events, self.deliveryContext)
            }
        }
        var diskTotal: Int64 = 0
        var diskDone: Int64 = 0
        for f in files where f.path != "-" {
            var st = stat()
            if stat(f.path, &st) == 0 { diskTotal += Int64(st.st_size) }
        }
        var lastProgress = 0.0
        let fullBatchesBefore = framer.fullBatches
        var currentStem: String?
        let readAhead = readAheadThread && !files.isEmpty
            ? ReadAheadThread(paths: files.map(\.path), chunkSize: framer.readSize, library: inflateLibrary) : nil
        defer { readAhead?.finish() }
        for (index, file) in files.enumerated() {
            if let stem = currentStem, stem != file.stem { endStream() }
            currentStem = file.stem
            let input: any DecompressedInput
            do {
                input = try open(file.path, readAhead)
            } catch {
                inputErrors.append(error)
                continue
            }
            filesRead += 1
            let (year, month) = Self.referenceYearMonth(input.modificationTime)
            let ctx = InputContext(path: file.path, index: index, stem: file.stem, referenceYear: year,
                                   referenceMonth: month)
            do {
                try framer.frame(input, context: ctx) { batch in
                    self.process(batch)
                    if let progress {
                        let now = clock.seconds
                        if now - lastProgress >= 0.25 {
                            lastProgress = now
                            progress(ProgressSnapshot(diskBytes: diskDone + input.compressedOffset,
                                                      diskTotal: diskTotal, bytes: framer.bytes,
                                                      events: deliveredCount.withLock { $0 }, seconds: now))
                        }
                    }
                }
            } catch {
                inputErrors.append(error)
            }
            (input as? ReadAheadInput)?.skipToEnd()
            if let garbage = input.trailingGarbageOffset {
                context.warn("\(file.path): bytes after the last gzip member ignored (at compressed byte \(garbage))")
                context.count("gzip trailing garbage")
            }
            diskDone += input.compressedOffset
            compressedBytes += input.compressedOffset
        }
        if currentStem != nil { endStream() }
        if let delivery {
            delivery.finish()
            self.delivery = nil
            context.defersCompletion = false
            context.absorb(deliveryContext)
            if delivery.queuedGroups > 0 { context.counters["delivery queue peak"] = delivery.deepestQueue }
        }
        summary.errors = inputErrors + summary.errors
        summary.files = filesRead
        summary.compressedBytes = compressedBytes
        context.count("queue: batches at full depth (reading waited)", framer.fullBatches - fullBatchesBefore)
        var counters = context.counters
        counters["files"] = summary.files
        counters["lines"] = framer.lines
        counters["bytes"] = Int(framer.bytes)
        counters["events"] = summary.events
        counters["errors"] = summary.errors.count
        for (i, s) in sinks.enumerated() where !failedSinks.contains(i) {
            s.sink.runFinished(counters: counters)
            do { try s.sink.close() } catch { sinkFailed(i, error) }
        }
        summary.bytes = framer.bytes
        summary.lines = framer.lines
        summary.truncatedLines = framer.truncatedLines
        summary.truncatedBytes = framer.truncatedBytes
        summary.counters = context.counters
        summary.warnings = context.warnings
        summary.seconds = clock.seconds
        return summary
    }

    /// Opens the next input: from the read-ahead thread when there is one, else here.
    private func open(_ path: String, _ readAhead: ReadAheadThread?) throws(PipelineError) -> any DecompressedInput {
        guard let readAhead else { return try InputStream(path: path, library: inflateLibrary) }
        switch readAhead.next() {
        case .opened(let modificationTime):
            return ReadAheadInput(source: readAhead, modificationTime: modificationTime)
        case .openFailed(let error):
            throw error
        case .chunk, .end:
            preconditionFailure("read-ahead items out of order")
        }
    }

    private func process(_ batch: LineBatch) {
        for (i, stage) in lineStages.enumerated() {
            let before = context.events.count
            stage.process(batch, context)
            lineStageEvents.add(context.events.count - before, at: i)
        }
        if !context.events.isEmpty { deliver() }
    }

    private func endStream() {
        for stage in lineStages { stage.endOfStream(context) }
        if !context.events.isEmpty { deliver() }
    }

    private func deliver() {
        guard let delivery else {
            deliver(from: context)
            return
        }
        let events = context.events
        context.events.removeAll(keepingCapacity: true)
        delivery.enqueue(events)
    }

    // MARK: - follow mode: the follower frames and stages its streams itself and uses these

    /// Takes the events that line stages left in `stageContext`, runs them through the event stages and writes
    /// them to every working sink. Returns how many events were written.
    @discardableResult
    public func deliver(from stageContext: StageContext) -> Int {
        guard !stageContext.events.isEmpty else { return 0 }
        let events = stageContext.events
        stageContext.events.removeAll(keepingCapacity: true)
        return deliverNow(events, stageContext)
    }

    /// Completes `events` (line stages' deferred work), runs the event stages and writes them to the sinks.
    @discardableResult
    private func deliverNow(_ events: [OOMEvent], _ stageContext: StageContext) -> Int {
        var events = events
        for stage in lineStages { stage.complete(&events, stageContext) }
        for (i, stage) in eventStages.enumerated() {
            stage.process(&events, stageContext)
            eventStageEvents.add(events.count, at: i)
        }
        summary.events += events.count
        deliveredCount.withLock { $0 += events.count }
        for e in events { summary.eventsByKind[e.kind.rawValue, default: 0] += 1 }
        for (i, s) in sinks.enumerated() where !failedSinks.contains(i) {
            do { try s.sink.write(events) } catch { sinkFailed(i, error) }
        }
        return events.count
    }

    /// Asks every working sink to make what it was given durable. Returns true when all of them acknowledged;
    /// a sink that fails is recorded in ``errors`` and not used again.
    public func flushSinks() -> Bool {
        var acknowledged = failedSinks.isEmpty
        for (i, s) in sinks.enumerated() where !failedSinks.contains(i) {
            do { try s.sink.flush() } catch {
                sinkFailed(i, error)
                acknowledged = false
            }
        }
        return acknowledged
    }

    /// Hands `counters` to every working sink, then closes it (the end of a follow run).
    public func finishSinks(counters: [String: Int]) {
        for (i, s) in sinks.enumerated() where !failedSinks.contains(i) {
            s.sink.runFinished(counters: counters)
            do { try s.sink.close() } catch { sinkFailed(i, error) }
        }
    }

    /// True when a sink failed; it gets no more events.
    public var hasFailedSink: Bool { !failedSinks.isEmpty }

    /// Errors recorded so far (sink failures in follow mode).
    public var errors: [PipelineError] { summary.errors }

    /// Events written to the sinks so far, in all and by kind.
    public var eventsDelivered: Int { summary.events }
    public var eventsDeliveredByKind: [String: Int] { summary.eventsByKind }

    private func sinkFailed(_ index: Int, _ error: SinkError) {
        failedSinks.insert(index)
        summary.errors.append(PipelineError(.sinkFailed, error.message, path: sinks[index].name))
    }

    /// Year and month (local time) of a file's modification time, or of now.
    static func referenceYearMonth(_ seconds: Int64?) -> (Int, Int) {
        var t = time_t(seconds ?? Int64(time(nil)))
        var parts = tm()
        localtime_r(&t, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1)
    }
}

/// Seconds since creation, from CLOCK_MONOTONIC.
struct MonotonicClock {
    private let start: Double = MonotonicClock.now()
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    var seconds: Double { MonotonicClock.now() - start }
}
