/// The PrometheusSink plugin target. Its implementation replaces this file.
enum PrometheusSinkTargetMarker {}
