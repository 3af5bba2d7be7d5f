/// What a line stage acts on, so that the tokenizer may leave noise untokenized (see ``LineStage/lineNeeds``).
///
/// While ``needsEveryLine`` is false, the stage must ignore every line except kernel lines whose message holds one
/// of ``keywords`` and passes ``isRelevant(_:)``, with one exception: a bare continuation (a message with no
/// prefix that begins with white space) is keyed by the host of the kernel line before it, so the tokenizer also
/// gives the stage the last kernel line before each such candidate, and the last one of each batch. Called once
/// per batch and once per candidate line, never per line.
public protocol LineInterest: AnyObject {
    /// ASCII byte strings, at least one of which is in every message the stage acts on (at most eight).
    var keywords: [LineKeyword] { get }
    /// True while the stage holds state that any line may change (an open report): every line is needed then.
    var needsEveryLine: Bool { get }
    /// True when a kernel line's message (prefix removed) would make the stage start or change its state.
    func isRelevant(_ message: UnsafeRawBufferPointer) -> Bool
}

/// Which lines a line stage reads from `context.fields`.
public enum LineNeeds {
    /// Every line's fields (the default).
    case everyLine
    /// Only the lines the interest describes.
    case only(any LineInterest)
    /// None from other stages: the stage makes the fields itself (the tokenizer).
    case ownFields
}
