import ArgoModel
import CZlib

/// Raw DEFLATE (RFC 1951), as Avro's `deflate` codec uses it: a thin
/// adapter over zlib.
package enum Deflate {
    static func compress(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        try compress(input, level: level, gzip: false)
    }

    /// A gzip file's bytes (as Python's gzip module writes `.gz` files).
    package static func gzip(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        try compress(input, level: level, gzip: true)
    }

    private static func compress(_ input: [UInt8], level: Int32, gzip: Bool) throws -> [UInt8] {
        var stream = z_stream()
        let started = gzip ? argo_deflate_init_gzip(&stream, level) : argo_deflate_init_raw(&stream, level)
        guard started == Z_OK else { throw FormatError(.deflate, "zlib deflateInit failed") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw FormatError(.deflate, "zlib deflate failed (\(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// Inflates a gzip file (`.json.gz`), refusing to produce more than `limit` bytes.
    package static func gunzip(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        try decompress(input, limit: limit, gzip: true)
    }

    /// Inflates `input`, refusing to produce more than `limit` bytes.
    static func decompress<C: Collection>(_ input: C, limit: Int, gzip: Bool = false) throws -> [UInt8] where C.Element == UInt8 {
        var stream = z_stream()
        guard (gzip ? argo_inflate_init_gzip(&stream) : argo_inflate_init_raw(&stream)) == Z_OK else { throw FormatError(.deflate, "zlib inflateInit failed") }
        defer { inflateEnd(&stream) }
        var source = Array(input)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        try source.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while status != Z_STREAM_END {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return outBuffer.count - Int(stream.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END {
                    throw FormatError(.deflate, status == Z_BUF_ERROR ? "truncated deflate data" : "corrupt deflate data (zlib \(status))")
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { throw FormatError(.deflate, "deflate data inflates beyond \(limit) bytes") }
            }
        }
        return output
    }
}

extension AvroCodec {
    /// Avro's `deflate` codec on zlib.
    package static let deflate = AvroCodec(name: "deflate", compress: { try Deflate.compress($0) },
                                          decompress: { try Deflate.decompress($0, limit: $1) })
    /// Every codec this build reads and writes.
    package static let all: [AvroCodec] = [.null, .deflate]
}

extension AvroContainerReader {
    /// Reads a container file of any codec this build knows.
    package init(bytes: [UInt8]) throws {
        try self.init(bytes: bytes, codecs: AvroCodec.all)
    }
}
