import ArgoModel

/// A destination for job outputs (Avro files, AMS). One small protocol with
/// interchangeable implementations, as swift-log does for handlers.
public protocol Sink: Sendable {
    /// Short name for messages ("avro", "ams").
    var name: String { get }
    /// Delivers a batch; a failure leaves earlier deliveries as they were.
    /// Returns a short description of what was delivered (path or message count).
    func deliver(_ batch: OutputBatch, to destination: JobDestination) throws -> String
}
