import OOMLensCore
import OOMLensTestSupport
import Testing

/// The incremental side of ``LineFramer``: state kept between pumps, the partial last line, resume positions.
struct FollowFramerTests {
    /// Bytes handed to the framer piece by piece, as a growing file hands them out.
    final class Feed {
        var pending: [UInt8] = []
        func append(_ text: String) { pending += Array(text.utf8) }
        func read(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
            let n = min(buffer.count, pending.count)
            for i in 0..<n { buffer[i] = pending[i] }
            pending.removeFirst(n)
            return n
        }
    }

    /// A framer over a feed, with the lines it delivered.
    final class Harness {
        let framer: LineFramer
        let feed = Feed()
        var lines: [(number: Int, offset: Int64, text: String)] = []
        let input = InputContext(path: "live", index: 1, stem: "live", referenceYear: 2024, referenceMonth: 2)

        init(maxLineBytes: Int = 1 << 20, offset: Int64 = 0, lineNumber: Int = 1) {
            framer = LineFramer(maxLineBytes: maxLineBytes, readSize: 4096)
            framer.begin(input, offset: offset, lineNumber: lineNumber)
        }

        private func collect(_ batch: LineBatch) {
            for i in 0..<batch.count {
                lines.append((batch.firstLineNumber + i, batch.baseOffset + Int64(batch.starts[i]),
                              String(decoding: batch[i], as: UTF8.self)))
            }
        }

        @discardableResult
        func pump(_ text: String) -> Bool {
            feed.append(text)
            let feed = self.feed
            return (try? framer.pump({ (chunk: UnsafeMutableRawBufferPointer) throws(PipelineError) -> Int in
                feed.read(chunk)
            }, collect)) ?? false
        }

        @discardableResult
        func deliverPartial() -> Bool { framer.deliverPartialLine(collect) }

        var texts: [String] { lines.map(\.text) }
    }

    @Test func aLineSplitAcrossPumpsIsDeliveredOnceWhole() {
        let h = Harness()
        #expect(h.pump("first\nsec"))
        #expect(h.texts == ["first"])
        #expect(h.framer.hasPartialLine)
        #expect(h.framer.resumeOffset == 6)
        #expect(h.framer.resumeLineNumber == 2)
        h.pump("ond\r\nthird\n")
        #expect(h.texts == ["first", "second", "third"])
        #expect(h.lines.map(\.number) == [1, 2, 3])
        #expect(h.lines.map(\.offset) == [0, 6, 14])
        #expect(!h.framer.hasPartialLine)
        #expect(h.framer.resumeOffset == 20)
    }

    @Test func aPartialLineDeliveredEarlyIsNotRepeatedAndItsLineEndingIsDropped() {
        let h = Harness()
        h.pump("complete\nhalf a li")
        #expect(h.deliverPartial())
        #expect(h.texts == ["complete", "half a li"])
        #expect(!h.deliverPartial())
        #expect(h.framer.resumeOffset == 18)
        h.pump("\nnext\n")
        #expect(h.texts == ["complete", "half a li", "next"])
        #expect(h.lines.map(\.number) == [1, 2, 3])
        #expect(h.framer.unterminatedLines == 1)
    }

    @Test func theRestOfAPartialLineDeliveredEarlyIsALineOfItsOwn() {
        let h = Harness()
        h.pump("abc")
        h.deliverPartial()
        h.pump("def\n\nghi\n")
        #expect(h.texts == ["abc", "def", "", "ghi"])
    }

    @Test func framingCanStartInTheMiddleOfAFile() {
        let h = Harness(offset: 1000, lineNumber: 41)
        h.pump("x\ny\n")
        #expect(h.lines.map(\.number) == [41, 42])
        #expect(h.lines.map(\.offset) == [1000, 1002])
    }

    @Test func whileAnOverLongLineIsSkippedTheResumePointIsItsStart() {
        let h = Harness(maxLineBytes: 16)
        h.pump("ok\n" + String(repeating: "x", count: 40))
        #expect(h.texts == ["ok", String(repeating: "x", count: 16)])
        #expect(h.framer.resumeOffset == 3)
        #expect(h.framer.resumeLineNumber == 2)
        h.pump("xxxx\nafter\n")
        #expect(h.texts.last == "after")
        #expect(h.lines.last?.number == 3)
        #expect(h.framer.resumeOffset == Int64(3 + 44 + 1 + 6))
    }

    @Test func batchFramingStillDeliversTheLastLineAtTheEnd() {
        let dir = TemporaryDirectory()
        let path = dir.write("syslog", "a\nb\nno newline")
        let recorder = RecordingLineStage()
        let pipeline = Pipeline(lineStages: [recorder], eventStages: [], sinks: [])
        _ = pipeline.run(InputResolver.resolve([path]).files)
        #expect(recorder.lines.map(\.text) == ["a", "b", "no newline"])
    }
}
