import ArgoModel

/// Where a job's profiles come from and with which key.
package struct PoemFeed: Hashable, Sendable {
    let server: String
    let token: String?
    let profiles: [String]
}
