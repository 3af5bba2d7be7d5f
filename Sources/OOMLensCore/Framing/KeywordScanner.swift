import CKeywordScan

/// A keyword a line stage acts on, and the two bytes of it (at `anchor`) that the scan looks for first: a pair
/// that is rare in ordinary log text keeps the positions compared in full few.
public struct LineKeyword: Sendable, Hashable {
    public var text: String
    public var anchor: Int

    public init(_ text: String, anchor: Int = 0) {
        self.text = text
        self.anchor = anchor
    }
}

/// Finds where any of up to eight keywords first occurs in a range of bytes, sixteen bytes at a time (SSE2 where
/// the machine has it): the tokenizer's way over noise without looking at its lines one by one.
public final class KeywordScanner {
    /// The most keywords one scanner takes.
    public static let capacity = Int(OOMLENS_KEYWORD_SCAN_MAX)

    private var set = oomlens_keyword_set()
    private let storage: [UnsafeMutablePointer<UInt8>]

    /// A scanner for `keywords`; nil when there are none or more than ``capacity``, or an anchor does not leave
    /// two bytes of its keyword.
    public init?(_ keywords: [LineKeyword]) {
        guard !keywords.isEmpty, keywords.count <= Self.capacity,
              keywords.allSatisfy({ $0.anchor >= 0 && $0.anchor + 2 <= $0.text.utf8.count })
        else { return nil }
        storage = keywords.map { keyword in
            let bytes = Array(keyword.text.utf8)
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            copy.initialize(from: bytes, count: bytes.count)
            return copy
        }
        set.count = Int32(keywords.count)
        withUnsafeMutableBytes(of: &set.text) { raw in
            let slots = raw.bindMemory(to: UnsafePointer<UInt8>?.self)
            for (i, pointer) in storage.enumerated() { slots[i] = UnsafePointer(pointer) }
        }
        withUnsafeMutableBytes(of: &set.length) { raw in
            let slots = raw.bindMemory(to: Int.self)
            for (i, keyword) in keywords.enumerated() { slots[i] = keyword.text.utf8.count }
        }
        withUnsafeMutableBytes(of: &set.anchor) { raw in
            let slots = raw.bindMemory(to: Int.self)
            for (i, keyword) in keywords.enumerated() { slots[i] = keyword.anchor }
        }
    }

    deinit {
        for pointer in storage { pointer.deallocate() }
    }

    /// The offset where the first keyword of `start..<end` (whole, by anchor order) starts, or nil.
    public func firstMatch(in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        guard end > start else { return nil }
        let found = withUnsafePointer(to: &set) { set in
            oomlens_keyword_scan(base.assumingMemoryBound(to: UInt8.self) + start, end - start, set)
        }
        return found < 0 ? nil : start + found
    }
}
