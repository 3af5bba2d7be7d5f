import OOMLensSinkAPI

/// What the timeline keeps of every event, including those no longer shown in detail.
struct HTMLTimelinePoint: Sendable {
    var id: String
    var host: String
    var time: LogTime?
    var kind: OOMEvent.Kind
    /// The victim's name, or the kind when there is none.
    var label: String

    init(_ e: OOMEvent) {
        id = e.id
        host = e.host ?? ""
        time = e.time.flatMap(LogTime.init)
        kind = e.kind
        label = e.victim?.comm ?? e.kill?.comm ?? e.kind.rawValue
    }
}
