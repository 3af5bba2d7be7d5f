extension PipelineError.Code {
    /// The checkpoint file or the state directory could not be used.
    public static let checkpoint = PipelineError.Code(raw: "checkpoint")
    /// Another `oomlens follow` holds the state directory.
    public static let stateDirectoryBusy = PipelineError.Code(raw: "state-directory-busy")
}
