import ArgoModel
import CICU
import Synchronization

/// Text made ASCII as 2.3.1's `unidecode` made catalogue IDs and names
/// (`Šabac` → `Sabac`), by ICU's `Any-Latin; Latin-ASCII` transliterator
/// (the system's libicu): every script to Latin, then Latin to ASCII.
/// Characters it leaves outside ASCII are dropped, as unidecode dropped
/// those it did not know.
package enum ASCIITransliteration {
    /// Opened once; ICU's transliterators are not to be shared unguarded.
    private static let transliterator = Mutex<Transliterator>(Transliterator(pointer: open()))

    /// ICU's handle, used under the lock only.
    private struct Transliterator: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer?
    }

    /// Why ICU cannot be used on this host: a name that needs it fails with
    /// this (the library and its package) rather than lose its letters.
    private static func unavailable() -> FeedError {
        var message = [CChar](repeating: 0, count: 512)
        _ = argo_icu_load(&message, message.count)
        return FeedError(kind: .configuration, url: "", reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    private static func open() -> UnsafeMutableRawPointer? {
        let identifier = Array("Any-Latin; Latin-ASCII".utf16)
        return identifier.withUnsafeBufferPointer { argo_transliterator_open($0.baseAddress, Int32($0.count)) }
    }

    /// ASCII text needs no ICU; other text throws where ICU cannot be loaded.
    package static func ascii(_ text: String) throws -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let converted: String? = transliterator.withLock { handle in
            guard let transliterator = handle.pointer else { return nil }
            var buffer = Array(text.utf16)
            var capacity = buffer.count * 4 + 16
            while true {
                let length = buffer.count
                buffer += Array(repeating: 0, count: capacity - length)
                let result = buffer.withUnsafeMutableBufferPointer {
                    argo_transliterate(transliterator, $0.baseAddress, Int32(length), Int32(capacity))
                }
                if result >= 0 { return String(decoding: buffer.prefix(Int(result)), as: UTF16.self) }
                guard capacity < 1 << 20 else { return text }
                buffer = Array(text.utf16)
                capacity *= 4
            }
        }
        guard let converted else { throw unavailable() }
        return String(String.UnicodeScalarView(converted.unicodeScalars.filter(\.isASCII)))
    }
}
