/// What a body consumer finds wrong with a response it reads. The consumer
/// does not know the URL; the HTTP client makes this a `FeedError` naming it.
package struct BodyProblem: Error, Sendable {
    let reason: String
    /// Whether asking again may help (a page that is well-formed but not whole).
    let worthAnotherAttempt: Bool

    package init(_ reason: String, worthAnotherAttempt: Bool = false) {
        self.reason = reason
        self.worthAnotherAttempt = worthAnotherAttempt
    }
}

extension FeedError {
    /// A consumer's complaint about the body of `url`, as a failure of that URL.
    package init(consumerError error: Error, url: String) {
        if let problem = error as? BodyProblem {
            self.init(kind: problem.worthAnotherAttempt ? .incomplete : .content, url: url, reason: problem.reason)
        } else if let feedError = error as? FeedError {
            self = feedError
        } else {
            self.init(kind: .content, url: url, reason: "\(error)")
        }
    }
}
