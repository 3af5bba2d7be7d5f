/// Events that each stage of a chain produced (line stages) or passed on (event stages), by the stage's
/// registered name: what `--stats` and `/metrics` show as events per stage.
///
/// Counted once per batch (the growth of the context's event list around each stage call), never per line.
public struct StageEventCounts: Sendable {
    /// The stages' names, in chain order.
    public let names: [String]
    /// Events counted for each stage, in chain order.
    public private(set) var events: [Int]

    /// Counts for the stages in `stages` (any mix of line and event stages).
    public init(stages: [AnyObject]) {
        names = stages.map(Self.name)
        events = Array(repeating: 0, count: stages.count)
    }

    /// Adds `amount` to the stage at `index`.
    mutating func add(_ amount: Int, at index: Int) {
        if amount > 0 { events[index] += amount }
    }

    /// The counts by name (stages that share a name are added up).
    public var byName: [String: Int] {
        var out: [String: Int] = [:]
        for (name, n) in zip(names, events) { out[name, default: 0] += n }
        return out
    }

    /// The name under which `stage` is registered (`pipeline.json`'s `type`), else its type's name.
    public static func name(_ stage: AnyObject) -> String {
        let stageType: AnyObject.Type = type(of: stage)
        if let registered = stageType as? any RegisteredLineStage.Type { return registered.name }
        if let registered = stageType as? any RegisteredEventStage.Type { return registered.name }
        return String(describing: stageType)
    }
}
