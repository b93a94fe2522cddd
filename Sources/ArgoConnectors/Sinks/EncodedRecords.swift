/// Avro-encoded records back to back, with where each ends.
package struct EncodedRecords {
    let bytes: [UInt8]
    let ends: [Int]
    package var count: Int { ends.count }

    package init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// Records `range` as one contiguous slice.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        let start = range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1]
        return bytes[start..<(range.isEmpty ? start : ends[range.upperBound - 1])]
    }
}
