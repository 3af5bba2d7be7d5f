/// The options type of a stage or sink: a `Codable` value whose `init()` holds every default.
///
/// The registry derives the option names, JSON types and defaults by encoding `Self()`, so one type is the single
/// source of truth for `oomlens validate`, `oomlens stages` and the published JSON Schema. Use non-optional
/// properties (an empty string or array for "none") so that every option shows up in that encoding.
public protocol ComponentOptions: Codable, Sendable {
    init()
    /// One sentence per option name, shown by `oomlens stages` and in the schema.
    static var documentation: [String: String] { get }
}

extension ComponentOptions {
    public static var documentation: [String: String] { [:] }
}

/// Options for a component that takes none.
public struct NoOptions: ComponentOptions {
    public init() {}
}
