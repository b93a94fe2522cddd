import COpenSSL
import ArgoModel
import FoundationEssentials
import Glibc

/// The host's file system as configuration loading sees it.
package struct LocalFiles: ConfigurationFiles {
    package init() {}

    package func contents(of path: String) -> Result<[UInt8], FileReadError> {
        Result { try Self.read(path) }.mapError { $0 as? FileReadError ?? FileReadError("\($0)") }
    }

    /// How large a local file of each kind may be: what the program reads
    /// whole stays bounded whatever stands at the path.
    package enum SizeLimit {
        /// State, counts, refusal, journal and token files: a few hundred bytes when sound.
        package static let state = 1 << 20
        /// Configuration files, schemas, certificates, crontabs.
        package static let configuration = 16 << 20
        /// Output files that `diff`, `cat` and `replay` read (a 100k-endpoint 2.3.1 day is ~100 MB).
        package static let data = 4 << 30
    }

    /// The one reader of local files: regular files only (a FIFO, device or
    /// socket is refused when opened, without blocking), at most `limit`
    /// bytes (a larger file, sparse or not, is refused before anything is
    /// allocated), read in chunks. A FileReadError says why.
    package static func read(_ path: String, limit: Int = SizeLimit.configuration) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileReadError(errno == ENOENT ? "no such file" : FileDescriptor.reason(errno)) }
        if info.st_mode & S_IFMT == S_IFDIR { throw FileReadError("is a directory, not a file") }
        // O_NONBLOCK: opening a FIFO without a writer must not hang; the kind is checked on what was opened.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { throw FileReadError("cannot be read (\(FileDescriptor.reason(errno)))") }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw FileReadError("cannot be read (\(FileDescriptor.reason(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileReadError("is not a regular file (a FIFO, device or socket is not read)")
        }
        guard Int(info.st_size) <= limit else { throw FileReadError("is \(Int(info.st_size)) bytes, more than the \(limit >> 20) MiB such a file may be") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError("cannot be read (\(FileDescriptor.reason(errno)))")
            }
            if count == 0 { return bytes }
            // A file that grows while it is read is held to the limit too.
            guard bytes.count + count <= limit else { throw FileReadError("grew beyond the \(limit >> 20) MiB such a file may be while read") }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    package func unwritableReason(directory: String) -> String? {
        let wanted = URL(fileURLWithPath: directory).standardizedFileURL.path
        var candidate = wanted
        while access(candidate, F_OK) != 0, candidate != "/" {
            candidate = URL(fileURLWithPath: candidate).deletingLastPathComponent().standardizedFileURL.path
        }
        if !Self.isDirectory(candidate) { return ": \(candidate) is not a directory" }
        if access(candidate, W_OK) != 0 {
            let reason = FileDescriptor.reason(errno)
            return candidate == wanted ? " is not writable (\(reason))" : " cannot be created (\(candidate) is not writable: \(reason))"
        }
        return nil
    }

    package func certificateProblem(certificate: String, key: String) -> String? {
        switch argo_certificate_matches_key(certificate, key) {
        case 0: nil
        case 1: "is not a readable PEM certificate"
        case 2: "has a key that is not a readable, unencrypted PEM private key"
        case 4: "cannot be checked against its key: OpenSSL's libcrypto.so.3 or .so.1.1 cannot be loaded (install openssl-libs on EL9, libssl3 or libssl1.1 on Debian and Ubuntu)"
        default: "does not match its key (HostKey is another certificate's)"
        }
    }

    package func permissions(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : nil
    }

    /// The absolute path with links resolved (the path itself when it does not exist).
    package static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether anything (a file, a folder, a dangling link) stands at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The names in a folder (none when it cannot be read).
    package static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }
}
