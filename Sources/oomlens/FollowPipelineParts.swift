import OOMLensCore
import OOMLensSinkAPI

/// What `oomlens follow` builds from a validated config: the sinks and event stages (shared by all followed paths),
/// a way to build a fresh chain of line stages per path, and the `files` source's options.
struct FollowPipelineParts {
    var config: PipelineConfig
    var sinks: [(name: String, sink: any EventSink)]
    var eventStages: [any EventStage]
    var source: FileSourceOptions
    let registry: Registry

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Builds everything from `config`. The sinks of `previous` are kept (not opened again) when the config names
    /// the same sinks with the same options.
    static func build(_ config: PipelineConfig, registry: Registry, keepingSinksOf previous: FollowPipelineParts?)
        throws -> FollowPipelineParts
    {
        var source = FileSourceOptions()
        for c in config.sources {
            if case .source(let o) = try make(c, registry), let files = o as? FileSourceOptions { source = files }
        }
        var eventStages: [any EventStage] = []
        for c in config.stages {
            switch try make(c, registry) {
            case .eventStage(let s): eventStages.append(s)
            case .lineStage: break
            default: throw Problem(description: "\(c.type) is not a stage")
            }
        }
        var sinks: [(name: String, sink: any EventSink)] = []
        if let previous, sameComponents(previous.config.sinks, config.sinks) {
            sinks = previous.sinks
        } else {
            for c in config.sinks {
                guard case .sink(let s) = try make(c, registry) else { throw Problem(description: "\(c.type) is not a sink") }
                sinks.append((c.type, s))
            }
        }
        return FollowPipelineParts(config: config, sinks: sinks, eventStages: eventStages, source: source,
                                   registry: registry)
    }

    /// A fresh chain of the config's line stages.
    func makeLineStages() throws -> [any LineStage] {
        var stages: [any LineStage] = []
        for c in config.stages {
            if case .lineStage(let s) = try Self.make(c, registry) { stages.append(s) }
        }
        return stages
    }

    /// True when both lists name the same components with the same options, in the same order.
    static func sameComponents(_ a: [PipelineConfig.Component], _ b: [PipelineConfig.Component]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.type == $1.type && $0.options == $1.options }
    }

    private static func make(_ c: PipelineConfig.Component, _ registry: Registry) throws -> ComponentDescriptor.Built {
        guard let d = registry.descriptor(named: c.type) else { throw Problem(description: "unknown component \(c.type)") }
        let context = SinkContext(writeStandardOutput: StandardStreams.out,
                                  warn: { StandardStreams.err("oomlens: warning: \($0)\n") }, live: true)
        do { return try d.make(options: c.options, context: context) } catch let e as SinkError {
            throw Problem(description: "\(e)")
        } catch let e as PipelineError {
            throw Problem(description: "\(e)")
        } catch {
            throw Problem(description: "\(c.type): bad options: \(error)")
        }
    }
}
