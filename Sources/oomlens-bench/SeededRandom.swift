/// A small, fast pseudo-random generator (SplitMix64) whose output depends only on its seed and stream number.
///
/// The generator does not use the standard library's `random(in:using:)`, whose algorithm may change between
/// Swift releases, so a corpus is byte-for-byte the same for a given seed on every machine and toolchain.
struct SeededRandom: Sendable {
    private var state: UInt64

    /// A generator for one independent `stream` (for example one per file and purpose) of a `seed`.
    init(seed: UInt64, stream: UInt64) {
        state = (seed &* 0x9E37_79B9_7F4A_7C15) ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ 0x5851_F42D_4C95_7F2D
        _ = next()
        _ = next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` must be positive).
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A number in `[0, 1)`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// An index into `weights`, chosen with probability proportional to its weight.
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        var total = 0
        for weight in weights { total += weight }
        var roll = below(total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}
