/// FNV-1a, 64 bits: a cheap, stable hash of bytes (Swift's `Hasher` is
/// seeded per process, so it cannot name files or mark them reproducibly).
package enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inlinable
    package static func hash(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        hash(bytes: text.utf8, seed: seed)
    }

    @inlinable
    package static func hash<Bytes: Sequence<UInt8>>(bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }
}
