/// Why a file could not be read, in words for a message.
package struct FileReadError: Error, CustomStringConvertible, Sendable {
    package let reason: String
    package init(_ reason: String) { self.reason = reason }
    package var description: String { reason }
}
