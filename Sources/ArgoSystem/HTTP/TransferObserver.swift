/// Told how transfers progress (the terminal's progress line); given to
/// the HTTP client rather than reached for, so the client knows no display.
package protocol TransferObserver: Sendable {
    /// `transfer` identifies one attempt; `bytes` is its running total.
    func progressed(_ transfer: ObjectIdentifier, url: String, bytes: Int64)
    func finished(_ transfer: ObjectIdentifier)
}
