import Foundation

/// A thread that opens a run's inputs in order and inflates (or reads) them ahead of the framing thread, into a
/// small pool of recycled chunks handed over through a bounded queue.
///
/// While the framing thread works on file N, this thread is already decompressing the rest of file N and then
/// file N+1: files are decompressed concurrently with the processing of earlier ones, and everything arrives in
/// the order of the inputs. Memory stays at `chunkCount` chunks; nothing is allocated per chunk.
final class ReadAheadThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ReadAheadItem] = []
    private var head = 0
    private var freeSlots: [Int]
    private var cancelled = false
    private var done = false
    private let paths: [String]
    private let library: InflateLibrary
    private let storage: UnsafeMutableRawBufferPointer
    /// Size of each chunk: the most one read hands over.
    let chunkSize: Int

    /// Starts the thread over `paths` (`-` is standard input), with `chunkCount` chunks of `chunkSize` bytes.
    init(paths: [String], chunkSize: Int, chunkCount: Int = 6, library: InflateLibrary = .batch) {
        self.paths = paths
        self.library = library
        self.chunkSize = max(1, chunkSize)
        let count = max(2, chunkCount)
        storage = .allocate(byteCount: self.chunkSize * count, alignment: 64)
        freeSlots = Array((0..<count).reversed())
        queue.reserveCapacity(count + 8)
        let thread = Thread { [self] in run() }
        thread.name = "oomlens-inflate"
        thread.start()
    }

    deinit { storage.deallocate() }

    /// The bytes of chunk `slot`.
    func chunk(_ slot: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(rebasing: storage[(slot * chunkSize)..<((slot + 1) * chunkSize)])
    }

    /// The next item; waits until there is one. Call it only as often as the inputs produce items.
    func next() -> ReadAheadItem {
        condition.lock()
        while head == queue.count { condition.wait() }
        let item = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.unlock()
        return item
    }

    /// Gives chunk `slot` back once its bytes were used.
    func recycle(_ slot: Int) {
        condition.lock()
        freeSlots.append(slot)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops reading (what was not taken is dropped) and waits for the thread to end.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func push(_ item: ReadAheadItem) {
        condition.lock()
        queue.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// A free chunk, or nil when the run was cancelled.
    private func takeFreeSlot() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while freeSlots.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : freeSlots.removeLast()
    }

    private func run() {
        defer {
            condition.lock()
            done = true
            condition.broadcast()
            condition.unlock()
        }
        for path in paths {
            let input: InputStream
            do {
                input = try InputStream(path: path, library: library)
            } catch {
                push(.openFailed(error))
                continue
            }
            push(.opened(modificationTime: input.modificationTime))
            guard readToEnd(input) else { return }
        }
    }

    /// Reads `input` into chunks until its end or error; false when the run was cancelled.
    private func readToEnd(_ input: InputStream) -> Bool {
        while true {
            guard let slot = takeFreeSlot() else { return false }
            let n: Int
            do {
                n = try input.read(into: chunk(slot))
            } catch {
                recycle(slot)
                push(.end(error: error, compressedOffset: input.compressedOffset,
                          trailingGarbageOffset: input.trailingGarbageOffset))
                return true
            }
            if n == 0 {
                recycle(slot)
                push(.end(error: nil, compressedOffset: input.compressedOffset,
                          trailingGarbageOffset: input.trailingGarbageOffset))
                return true
            }
            push(.chunk(slot: slot, count: n, compressedOffset: input.compressedOffset))
        }
    }
}
