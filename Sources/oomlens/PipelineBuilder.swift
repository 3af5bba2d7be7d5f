import OOMLensCore
import OOMLensSinkAPI

/// Builds a runnable ``Pipeline`` from a validated config.
enum PipelineBuilder {
    struct Built {
        var pipeline: Pipeline
        var sourcePaths: [String]
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func build(_ cfg: PipelineConfig, registry: Registry, live: Bool = false,
                      deliveryThread: Bool = true) throws -> Built {
        let ctx = SinkContext(writeStandardOutput: StandardStreams.out,
                              warn: { StandardStreams.err("oomlens: warning: \($0)\n") }, live: live)
        var lineStages: [any LineStage] = []
        var eventStages: [any EventStage] = []
        var sinks: [(name: String, sink: any EventSink)] = []
        var source = FileSourceOptions()
        func make(_ c: PipelineConfig.Component) throws -> ComponentDescriptor.Built {
            guard let d = registry.descriptor(named: c.type) else { throw Problem(description: "unknown component \(c.type)") }
            do { return try d.make(options: c.options, context: ctx) } catch let e as SinkError {
                throw Problem(description: "\(e)")
            } catch let e as PipelineError {
                throw Problem(description: "\(e)")
            } catch {
                throw Problem(description: "\(c.type): bad options: \(error)")
            }
        }
        for c in cfg.sources {
            if case .source(let o) = try make(c), let files = o as? FileSourceOptions { source = files }
        }
        for c in cfg.stages {
            switch try make(c) {
            case .lineStage(let s): lineStages.append(s)
            case .eventStage(let s): eventStages.append(s)
            default: throw Problem(description: "\(c.type) is not a stage")
            }
        }
        for c in cfg.sinks {
            guard case .sink(let s) = try make(c) else { throw Problem(description: "\(c.type) is not a sink") }
            sinks.append((c.type, s))
        }
        let pipeline = Pipeline(lineStages: lineStages, eventStages: eventStages, sinks: sinks,
                                maxLineBytes: source.maxLineBytes, readSize: source.readBytes,
                                batchLines: source.batchLines, deliveryThread: deliveryThread)
        return Built(pipeline: pipeline, sourcePaths: source.paths)
    }
}
