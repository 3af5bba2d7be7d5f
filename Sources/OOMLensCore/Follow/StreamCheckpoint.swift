/// The checkpoint of one followed path: the files read so far that still matter, oldest first.
///
/// The last file is where reading starts again; the ones before it were read to their end and acknowledged.
/// An empty list means the path did not exist yet: whatever appears there is read from its start.
public struct StreamCheckpoint: Codable, Sendable, Equatable {
    public var files: [CheckpointedFile]

    public init(files: [CheckpointedFile]) {
        self.files = files
    }

    /// Where reading starts again, if a file was read.
    public var resume: CheckpointedFile? { files.last }
}
