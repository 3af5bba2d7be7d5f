import OOMLensCore
import Testing

/// The SIMD keyword scan finds exactly what a byte-by-byte search finds.
struct KeywordScannerTests {
    private static let keywords = [LineKeyword("emory", anchor: 3), LineKeyword("oom"), LineKeyword("Mem-", anchor: 2),
                                   LineKeyword("illed process", anchor: 6), LineKeyword("free:", anchor: 2)]

    private static func naive(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        let words = keywords.map { Array($0.text.utf8) }
        for p in start..<end {
            for w in words where p + w.count <= end && Array(bytes[p..<(p + w.count)]) == w { return p }
        }
        return nil
    }

    @Test func findsTheSameFirstMatchAsAByteSearch() throws {
        let scanner = try #require(KeywordScanner(Self.keywords))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet = Array("ooemMry- prfe:illd".utf8) + [0x0A]
        for round in 0..<400 {
            let length = Int(next() % 300)
            var bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            if round % 3 == 0, length > 20 {
                let word = Array(Self.keywords[Int(next() % UInt64(Self.keywords.count))].text.utf8)
                let at = Int(next() % UInt64(length - word.count))
                bytes.replaceSubrange(at..<(at + word.count), with: word)
            }
            let start = length == 0 ? 0 : Int(next() % UInt64(length))
            let found = bytes.withUnsafeBytes { scanner.firstMatch(in: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, from: start, to: length) }
            let expected = Self.naive(bytes, from: start, to: length)
            // The scan may report a later-starting keyword whose anchor comes first, but only on the same line.
            if let expected, let found {
                let lineOf = { (p: Int) in bytes[..<p].filter { $0 == 0x0A }.count }
                #expect(lineOf(found) == lineOf(expected), "round \(round)")
            } else {
                #expect(found == expected, "round \(round)")
            }
        }
    }

    @Test func keywordsAtTheVeryEndAndAcrossBlockEdges() throws {
        let scanner = try #require(KeywordScanner(Self.keywords))
        for length in [3, 15, 16, 17, 31, 32, 33, 34, 64, 65, 100] {
            for at in 0...(length - 3) {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes.replaceSubrange(at..<(at + 3), with: Array("oom".utf8))
                let found = bytes.withUnsafeBytes { scanner.firstMatch(in: $0.baseAddress!, from: 0, to: length) }
                #expect(found == at, "length \(length), at \(at)")
                let cut = bytes.withUnsafeBytes { scanner.firstMatch(in: $0.baseAddress!, from: 0, to: at + 2) }
                #expect(cut == nil, "a keyword cut by the end of the range is no match")
            }
        }
    }

    @Test func refusesWhatItCannotScan() {
        #expect(KeywordScanner([]) == nil)
        #expect(KeywordScanner([LineKeyword("x")]) == nil)
        #expect(KeywordScanner([LineKeyword("abc", anchor: 2)]) == nil)
        #expect(KeywordScanner((0..<9).map { LineKeyword("kw\($0)") }) == nil)
    }
}
