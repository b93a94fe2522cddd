
/// `[Connection]`: how long to wait and how often to try again.
package struct ConnectionSettings: Equatable, Sendable {
    /// `Timeout`: seconds for connecting, and the longest silence during a transfer.
    package var timeoutSeconds = 180
    /// `Retry`: extra attempts after the first.
    package var retries = 3
    /// `SleepRetry`: seconds between attempts.
    package var sleepRetrySeconds: Double = 60

    package init(timeoutSeconds: Int = 180, retries: Int = 3, sleepRetrySeconds: Double = 60) {
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.sleepRetrySeconds = sleepRetrySeconds
    }
}
