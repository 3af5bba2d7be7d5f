/// Invariant checks for fuzz targets: a failed check stops the process, so libFuzzer records the input.
public enum FuzzCheck {
    /// Traps with `message` when `condition` is false.
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant broken: \(message())") }
    }
}
