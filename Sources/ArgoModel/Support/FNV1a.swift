/// FNV-1a, 64 bits: a cheap, stable hash of bytes (Swift's `Hasher` is
/// seeded per process, so it cannot name files or mark them reproducibly).
package enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    package static func hash(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { hash(bytes: $0, seed: seed) } ?? hash(bytes: text.utf8, seed: seed)
    }

    /// Bytes in memory: the hot paths (a 2.3.1 tenant's 100k endpoint IDs
    /// and contact keys) hash here, with no per-byte generic dispatch.
    package static func hash(bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }

    package static func hash(bytes: Slice<UnsafeBufferPointer<UInt8>>, seed: UInt64 = offsetBasis) -> UInt64 {
        hash(bytes: UnsafeBufferPointer(rebasing: bytes), seed: seed)
    }

    package static func hash<Bytes: Sequence<UInt8>>(bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }
}
