import ArgumentParser
import OOMLensCore
import OOMLensSinkAPI
import PrometheusSink

/// `oomlens follow`: follows logs like `tail -F` and reports each OOM as it happens, resuming from a checkpoint.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Follow logs like tail -F (through rotation) and report each OOM event as it happens.",
        discussion: """
            Each PATH is followed by name: a rename+create rotation is handled by reading the old file to its end \
            first, copytruncate by reading the lines not read yet from the copy, and a path that does not exist \
            yet is waited for. Without a checkpoint, reading starts at the end of each file; --from-start reads \
            the rotation set (syslog.N.gz ... syslog.1) oldest first, then the live file, then follows.

            A report is emitted as soon as its kill line is read; a later oom_reaper line emits it again with the \
            same id. A report without a kill line is emitted after --idle-ms of quiet, an unfinished last line \
            after --partial-line-ms. Timers only run once the data is read to its end: catching up never splits \
            a report.

            The checkpoint (STATE/checkpoint.json) advances only after every sink acknowledged the events before \
            it, and never past the first line of a report still open: delivery is at least once, with stable ids \
            (an upserting sink such as sqlite holds each report once). Default STATE: $STATE_DIRECTORY, else \
            /var/lib/oomlens as root, else $XDG_STATE_HOME/oomlens or ~/.local/state/oomlens. A checkpoint that \
            is empty, cut short or garbage is reported, moved to checkpoint.json.corrupt, and the run starts as \
            on a first start.

            SIGINT/SIGTERM: read what is there, flush the sinks, write the checkpoint, exit 0. SIGHUP: checkpoint, \
            reload the config (kept as it was when the new one is invalid), reopen the files.

            Metrics: a prometheus sink with a 'listen' address (or --metrics-listen) serves http://ADDR/metrics \
            while following: the OOM kills by host, victim, cause and cgroup, the last kill's log time, the \
            pipeline's counters, events per stage, and per path the bytes read against the size on disk and the \
            lag behind the writer. --stats-interval prints the counters as one line on stderr every SECONDS.
            """
    )

    @Option(name: .long, help: "Pipeline config (default: ./pipeline.json if present, else built in).")
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the checkpoint (default: see below).", valueName: "DIR"))
    var state: String?

    @Option(name: .long, help: ArgumentHelp("Replace the configured sinks: 'jsonl', 'text', or NAME:TARGET.", valueName: "jsonl|text|NAME[:TARGET]"))
    var output: [String] = []

    @Flag(name: .long, help: "Without a checkpoint, read each rotation set from its oldest file, then follow.")
    var fromStart = false

    @Option(name: .long, help: "Quiet time (ms) after which a report with no kill line is emitted.")
    var idleMs: Int = 2000

    @Option(name: .long, help: "Quiet time (ms) after which an unfinished last line is delivered.")
    var partialLineMs: Int = 1000

    @Flag(name: .long, help: "Refuse a config file that group or others can write (without it: a warning).")
    var strict = false

    @Flag(name: .long, help: "Poll the files instead of using inotify.")
    var poll = false

    @Flag(name: .long, help: "Print counters, per-file progress and the lag behind the writer on exit.")
    var stats = false

    @Option(name: .long, help: ArgumentHelp("Also print the counters as one line on stderr every SECONDS.", valueName: "SECONDS"))
    var statsInterval: Double?

    @Option(name: .long, help: ArgumentHelp("Serve /metrics on HOST:PORT (e.g. 127.0.0.1:9464; port 0 picks one): sets the prometheus sinks' 'listen', adding a prometheus sink without a file when there is none.", valueName: "ADDR"))
    var metricsListen: String?

    @Argument(help: "Paths to follow; the paths of the config's files source when none are given.")
    var paths: [String] = []

    func validate() throws {
        if let statsInterval, !(statsInterval > 0) {
            throw ValidationError("--stats-interval must be a number of seconds above 0")
        }
        if let metricsListen {
            do { _ = try PrometheusListenAddress(metricsListen) } catch {
                throw ValidationError("--metrics-listen \(error)")
            }
        }
    }

    func run() throws {
        let registry = Registrations.makeRegistry()
        let pipelineConfig: PipelineConfig
        do { pipelineConfig = try loadConfig(registry: registry) } catch {
            StandardStreams.err("\(error)\n")
            throw ExitCode(2)
        }
        var followed = paths
        if followed.isEmpty {
            for c in pipelineConfig.sources where c.type == "files" {
                if case .array(let values)? = c.options["paths"] {
                    followed += values.compactMap { if case .string(let s) = $0 { s } else { nil } }
                }
            }
        }
        guard !followed.isEmpty, !followed.contains("-") else {
            StandardStreams.err("oomlens follow: give the paths of files to follow (standard input cannot be followed)\n")
            throw ExitCode(2)
        }
        let store: CheckpointStore
        do { store = try CheckpointStore(directory: FollowStateDirectory.resolve(state)) } catch {
            StandardStreams.err("oomlens: \(error)\n")
            throw ExitCode(2)
        }
        var parts: FollowPipelineParts
        do { parts = try FollowPipelineParts.build(pipelineConfig, registry: registry, keepingSinksOf: nil) } catch {
            StandardStreams.err("oomlens: \(error)\n")
            throw ExitCode(2)
        }
        let snapshot = FollowStatsSnapshot()
        let endpoints = MetricsEndpoints(snapshot: snapshot)
        defer { endpoints.stopAll() }
        let printer = statsInterval.map { PeriodicStatsPrinter(seconds: $0) }
        let wakeup = FollowWakeup()
        wakeup.installSignalHandlers()
        var firstRound = true
        while true {
            do {
                for message in try endpoints.update(sinks: parts.sinks) { StandardStreams.err("oomlens: \(message)\n") }
            } catch {
                StandardStreams.err("oomlens: \(error)\n")
                if firstRound { throw ExitCode(2) }
            }
            firstRound = false
            var options = FollowOptions()
            options.fromStart = fromStart
            options.idleMilliseconds = max(0, idleMs)
            options.partialLineMilliseconds = max(0, partialLineMs)
            options.useInotify = !poll
            options.maxLineBytes = parts.source.maxLineBytes
            options.readBytes = parts.source.readBytes
            options.batchLines = parts.source.batchLines
            let pipeline = Pipeline(lineStages: [], eventStages: parts.eventStages, sinks: parts.sinks)
            let follower: Follower
            do {
                follower = try Follower(paths: followed, options: options, pipeline: pipeline,
                                        makeLineStages: { try parts.makeLineStages() }, store: store, wakeup: wakeup,
                                        log: { StandardStreams.err($0 + "\n") })
            } catch {
                StandardStreams.err("oomlens: \(error)\n")
                throw ExitCode(2)
            }
            let serving = parts.sinks.contains { ($0.sink as? PrometheusSink)?.listen != nil }
            if serving || printer != nil {
                follower.statsObserver = { stats in
                    if serving { snapshot.publish(stats) }
                    printer?.offer(stats)
                }
            }
            let outcome = follower.run()
            if outcome == .reloadRequested {
                do {
                    let reloaded = try loadParts(registry: registry, previous: parts)
                    if !FollowPipelineParts.sameComponents(parts.config.sinks, reloaded.config.sinks) {
                        pipeline.finishSinks(counters: follower.stats().flatCounters)
                    }
                    parts = reloaded
                    StandardStreams.err("oomlens: SIGHUP: config reloaded, files reopened\n")
                } catch {
                    StandardStreams.err("oomlens: SIGHUP: the config was not reloaded, keeping the one in use:\n\(error)\n")
                }
                continue
            }
            let statistics = follower.stats()
            pipeline.finishSinks(counters: statistics.flatCounters)
            if stats { StandardStreams.err(statistics.render()) }
            if outcome == .sinkFailed || pipeline.hasFailedSink {
                for e in pipeline.errors { StandardStreams.err("oomlens: error: \(e)\n") }
                throw ExitCode(1)
            }
            return
        }
    }

    /// Loads and validates the config, with `--output` applied.
    private func loadConfig(registry: Registry) throws -> PipelineConfig {
        var cfg = try DefaultConfig.load(config, registry: registry, strict: strict)
        if !output.isEmpty { cfg.sinks = try OutputOption.sinks(output, registry: registry) }
        if let metricsListen {
            var found = false
            for i in cfg.sinks.indices where cfg.sinks[i].type == PrometheusSink.name {
                cfg.sinks[i].options["listen"] = .string(metricsListen)
                found = true
            }
            if !found {
                cfg.sinks.append(PipelineConfig.Component(type: PrometheusSink.name,
                                                          options: ["path": .string(""), "listen": .string(metricsListen)]))
            }
        }
        return cfg
    }

    /// Loads, validates and builds the config, keeping `previous`'s sinks when they are unchanged.
    private func loadParts(registry: Registry, previous: FollowPipelineParts?) throws -> FollowPipelineParts {
        try FollowPipelineParts.build(loadConfig(registry: registry), registry: registry, keepingSinksOf: previous)
    }
}
