import FoundationEssentials

/// Why a file could not be read, in words for a message.
public struct FileReadError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
