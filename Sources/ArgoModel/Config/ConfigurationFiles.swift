/// What loading a configuration needs from the file system, so that the
/// model stays pure; `LocalFiles` (ArgoSystem) is the real one.
package protocol ConfigurationFiles {
    /// The file's bytes, or why it cannot be read (`no such file`, ...).
    func contents(of path: String) -> Result<[UInt8], FileReadError>
    /// Why outputs cannot be written to `directory` (made as needed), as
    /// the end of a sentence about it; nil when they can.
    func unwritableReason(directory: String) -> String?
    /// The file's permission bits, when it exists.
    func permissions(of path: String) -> Int?
    /// Why the PEM certificate and key cannot serve as the host's TLS
    /// identity (unreadable, or not a pair), as the end of a sentence; nil when they can.
    func certificateProblem(certificate: String, key: String) -> String?
}
