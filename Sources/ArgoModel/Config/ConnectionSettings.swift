/// `[Connection]`: how long to wait and how often to try again.
package struct ConnectionSettings: Equatable, Sendable {
    /// `Timeout`: seconds for connecting, and the longest silence during a transfer.
    package var timeoutSeconds = 180
    /// `Retry`: extra attempts after the first.
    package var retries = 3
    /// `SleepRetry`: seconds between attempts.
    package var sleepRetrySeconds: Double = 60
    /// `TransferTimeout`: the seconds one attempt may take from start to end,
    /// however steadily bytes arrive, so that a run always ends by itself.
    package var transferTimeoutSeconds = ConnectionSettings.defaultTransferTimeoutSeconds
    /// 2.3.1's `RetryRandom` with `SleepRandomRetryMax`: wait a random 0 to
    /// this many seconds between attempts instead of `sleepRetrySeconds`.
    var randomSleepRetryMaxSeconds: Int?
    /// `MaxPages`: pages one paged listing may take (a portal that never reaches its end is cut there).
    package var maxPages = ConnectionSettings.defaultMaxPages
    /// `MaxRecords`: records one listing may hold (a `total` beyond it is refused before paging).
    package var maxRecords = ConnectionSettings.defaultMaxRecords

    static let defaultMaxPages = 10_000
    static let defaultMaxRecords = 1_000_000

    /// The wait before the next attempt.
    package func waitBeforeRetry() -> Double {
        randomSleepRetryMaxSeconds.map { Double(Int.random(in: 0...max(0, $0))) } ?? sleepRetrySeconds
    }

    /// Half an hour: a whole GOCDB topology takes seconds to minutes.
    static let defaultTransferTimeoutSeconds = 1800

    package init(timeoutSeconds: Int = 180, retries: Int = 3, sleepRetrySeconds: Double = 60,
                 transferTimeoutSeconds: Int = ConnectionSettings.defaultTransferTimeoutSeconds) {
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.sleepRetrySeconds = sleepRetrySeconds
        self.transferTimeoutSeconds = transferTimeoutSeconds
    }
}
