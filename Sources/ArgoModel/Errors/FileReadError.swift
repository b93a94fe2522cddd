/// Why a file could not be read, in words for a message.
package struct FileReadError: Error, CustomStringConvertible, Sendable {
    let reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
