import OOMLensCore
import OOMLensTestSupport
import Testing

/// Runs a pipeline with only a recording stage over `paths`.
func recordLines(_ paths: [String], maxLineBytes: Int = 1 << 20, readSize: Int = 1 << 20)
    -> (lines: [RecordingLineStage.Line], summary: RunSummary, streamsEnded: Int)
{
    let recorder = RecordingLineStage()
    let pipeline = Pipeline(lineStages: [recorder], eventStages: [], sinks: [], maxLineBytes: maxLineBytes,
                            readSize: readSize)
    let (files, errors) = InputResolver.resolve(paths)
    let summary = pipeline.run(files, initialErrors: errors)
    return (recorder.lines, summary, recorder.streamsEnded)
}

struct LineFramerTests {
    @Test func lfAndCrlfGiveTheSameLines() {
        let dir = TemporaryDirectory()
        let lf = dir.write("lf.log", "one\ntwo\n\nfour\n")
        let crlf = dir.write("crlf.log", "one\r\ntwo\r\n\r\nfour\r\n")
        #expect(recordLines([lf]).lines.map(\.text) == ["one", "two", "", "four"])
        #expect(recordLines([crlf]).lines.map(\.text) == ["one", "two", "", "four"])
    }

    @Test func lastLineWithoutNewlineIsDelivered() {
        let dir = TemporaryDirectory()
        let p = dir.write("tail.log", "first\nlast without newline")
        let r = recordLines([p])
        #expect(r.lines.map(\.text) == ["first", "last without newline"])
        #expect(r.lines.map(\.number) == [1, 2])
    }

    @Test func loneCarriageReturnIsAnOrdinaryByte() {
        let dir = TemporaryDirectory()
        let p = dir.write("cr.log", "a\rb\nc\r")
        #expect(recordLines([p]).lines.map(\.bytes) == [[0x61, 0x0D, 0x62], [0x63]])
    }

    @Test func overLongLineIsCutAndCounted() {
        let dir = TemporaryDirectory()
        let long = String(repeating: "x", count: 100_000)
        let p = dir.write("long.log", "before\n" + long + "\nafter\n")
        let r = recordLines([p], maxLineBytes: 1000, readSize: 4096)
        #expect(r.lines.map(\.text) == ["before", String(repeating: "x", count: 1000), "after"])
        #expect(r.lines.map(\.number) == [1, 2, 3])
        #expect(r.summary.truncatedLines == 1)
        // The bytes cut off, without the line feed: the same count whether or not the line crossed a read.
        #expect(r.summary.truncatedBytes == 99_000)
        #expect(r.summary.errors.isEmpty)
    }

    @Test func overLongLineInsideOneReadIsCut() {
        let dir = TemporaryDirectory()
        let p = dir.write("long.log", "a\n" + String(repeating: "y", count: 3000) + "\nb")
        let r = recordLines([p], maxLineBytes: 100, readSize: 1 << 20)
        #expect(r.lines.map(\.text) == ["a", String(repeating: "y", count: 100), "b"])
        #expect(r.summary.truncatedLines == 1)
        #expect(r.summary.truncatedBytes == 2900)
    }

    @Test func nulBytesAndInvalidUTF8PassThrough() {
        let dir = TemporaryDirectory()
        let bytes: [UInt8] = [0x61, 0x00, 0x62, 0x0A, 0xFF, 0xFE, 0xC3, 0x0A, 0x00, 0x00, 0x0A, 0x7A]
        let p = dir.write("bin.log", bytes)
        let r = recordLines([p])
        #expect(r.lines.map(\.bytes) == [[0x61, 0x00, 0x62], [0xFF, 0xFE, 0xC3], [0x00, 0x00], [0x7A]])
        #expect(r.summary.errors.isEmpty)
    }

    @Test(arguments: [4096, 4097, 5000, 65536])
    func linesSurviveEveryReadBoundary(readSize: Int) {
        let dir = TemporaryDirectory()
        var text = ""
        var expected: [String] = []
        for i in 0..<3000 {
            let line = "line \(i) " + String(repeating: "z", count: i % 97)
            expected.append(line)
            text += line + (i % 3 == 0 ? "\r\n" : "\n")
        }
        let p = dir.write("many.log", text)
        let r = recordLines([p], readSize: readSize)
        #expect(r.lines.map(\.text) == expected)
        #expect(r.summary.lines == 3000)
        #expect(r.summary.bytes == Int64(text.utf8.count))
    }

    @Test func emptyFileGivesNoLines() {
        let dir = TemporaryDirectory()
        let p = dir.write("empty.log", "")
        let r = recordLines([p])
        #expect(r.lines.isEmpty)
        #expect(r.summary.files == 1)
        #expect(r.summary.errors.isEmpty)
    }
}
