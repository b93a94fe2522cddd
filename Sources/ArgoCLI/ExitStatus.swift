import ArgoModel

/// Process exit statuses, documented in README and `--help`.
package enum ExitStatus: Int32, Sendable {
    case success = 0
    /// A job, feed or file failed at run time.
    case runtimeFailure = 1
    /// Bad command line or configuration.
    case usageOrConfiguration = 2
    /// `check` only (a Nagios plugin's UNKNOWN): the state could not be judged.
    case unknown = 3
}
