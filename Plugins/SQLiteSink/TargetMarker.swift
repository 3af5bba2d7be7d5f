/// The SQLiteSink plugin target. Its implementation replaces this file.
enum SQLiteSinkTargetMarker {}
