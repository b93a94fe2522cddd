/// The one reading of configured hosts and base URLs (GOCDB feeds, POEM,
/// AMS): a host alone means https, and trailing slashes are dropped, so
/// every spelling of one service gives one base.
package enum BaseURL {
    package static func normalized(_ host: String) -> String {
        var base = host.contains("://") ? host : "https://\(host)"
        while base.hasSuffix("/") && !base.hasSuffix("://") { base.removeLast() }
        return base
    }

    /// Whether `url` names a local file (`file:`, any case): saved feeds, read without a network.
    package static func isFile(_ url: String) -> Bool {
        url.utf8.count >= 5 && url.prefix(5).lowercased() == "file:"
    }

    /// `text` escaped to stand as one path segment (a profile, project or topic name).
    /// RFC 3986's unreserved characters and the sub-delimiters and `@`
    /// that a path allows stay; everything else, `/` and `:` included, is
    /// percent-encoded as UTF-8.
    package static func pathSegment(_ text: String) -> String {
        let kept = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=@".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if kept.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
