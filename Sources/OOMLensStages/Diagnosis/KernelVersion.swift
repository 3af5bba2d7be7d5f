/// A kernel version as the diagnosis compares them: `major.minor[.patch]`, read from a release string such as
/// `3.10.0-514.6.1.el7.x86_64`, or the bounds of a format era such as `3.8-4.5`.
///
/// For 2.6 kernels the third number is the one that matters (2.6.18, 2.6.32); from 3.0 on only major and minor
/// are compared, so `4.5.7` lies inside an era that ends at `4.5`.
struct KernelVersion: Comparable, Sendable, CustomStringConvertible {
    var major: Int
    var minor: Int
    var patch: Int

    init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// The number compared: the patch level counts only for 2.x kernels.
    private var key: Int { major * 1_000_000 + minor * 1000 + (major < 3 ? patch : 0) }

    static func < (a: KernelVersion, b: KernelVersion) -> Bool { a.key < b.key }
    static func == (a: KernelVersion, b: KernelVersion) -> Bool { a.key == b.key }

    var description: String { major < 3 ? "\(major).\(minor).\(patch)" : "\(major).\(minor)" }

    /// The leading `N.N[.N]` of a release string (`6.1.1-arch1-1` → 6.1.1), nil when it does not start so.
    static func parse(_ release: String?) -> KernelVersion? {
        guard let release else { return nil }
        var numbers: [Int] = []
        var current: Int?
        for ch in release {
            if let d = ch.wholeNumberValue, ch.isASCII {
                current = (current ?? 0) * 10 + d
                if current! > 100_000 { return nil }
            } else {
                guard let value = current else { break }
                numbers.append(value)
                current = nil
                if ch != "." || numbers.count == 3 { break }
            }
        }
        if let current, numbers.count < 3 { numbers.append(current) }
        guard numbers.count >= 2 else { return nil }
        return KernelVersion(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    /// True for a Red Hat Enterprise Linux 7 kernel (`3.10.0-….el7…`), whose GFP bit 0x100000 is ACCOUNT.
    static func isRHEL7(_ release: String?) -> Bool {
        guard let release, let v = parse(release) else { return false }
        return v.major == 3 && v.minor == 10 && release.contains(".el7")
    }

    /// The releases a format era name covers (FormatEvidence's names): `2.6.18`, `3.8-4.5`, `5.1+`.
    static func bounds(ofEra era: String?) -> (lower: KernelVersion?, upper: KernelVersion?) {
        guard let era, !era.isEmpty else { return (nil, nil) }
        if era.hasByteSuffix("+") { return (parse(String(era.dropLast())), nil) }
        // A range: split at the hyphen that follows a digit and precedes one ("2.6.19-2.6.31", "3.8-4.5").
        let chars = Array(era)
        for i in chars.indices where chars[i] == "-" && i > 0 && i + 1 < chars.count
            && chars[i - 1].isNumber && chars[i + 1].isNumber
        {
            return (parse(String(chars[..<i])), parse(String(chars[(i + 1)...])))
        }
        let single = parse(era)
        return (single, single)
    }

    /// True when `self` lies within the era's bounds.
    func isWithin(era: String?) -> Bool {
        let (lower, upper) = Self.bounds(ofEra: era)
        if lower == nil && upper == nil { return true }
        if let lower, self < lower { return false }
        if let upper, upper < self { return false }
        return true
    }
}
