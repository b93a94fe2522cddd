/// A block codec of object container files. The model knows only `null`;
/// compressing ones come from adapters (`deflate` on zlib, in ArgoSystem).
package struct AvroCodec: Sendable, Equatable {
    /// The `avro.codec` name.
    package let name: String
    let compress: @Sendable ([UInt8]) throws -> [UInt8]
    /// Inflates a block, failing beyond `limit` bytes.
    let decompress: @Sendable (ArraySlice<UInt8>, _ limit: Int) throws -> [UInt8]

    package init(name: String, compress: @escaping @Sendable ([UInt8]) throws -> [UInt8],
                decompress: @escaping @Sendable (ArraySlice<UInt8>, _ limit: Int) throws -> [UInt8]) {
        self.name = name
        self.compress = compress
        self.decompress = decompress
    }

    package static let null = AvroCodec(name: "null", compress: { $0 }, decompress: { block, _ in Array(block) })

    package static func == (a: AvroCodec, b: AvroCodec) -> Bool { a.name == b.name }
}
