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

    /// A whole file; a FileReadError says why it cannot be read.
    package static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileReadError(errno == ENOENT ? "no such file" : FileDescriptor.reason(errno)) }
        if info.st_mode & S_IFMT == S_IFDIR { throw FileReadError("is a directory, not a file") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileReadError("cannot be read (\(FileDescriptor.reason(errno)))") }
        defer { close(descriptor) }
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

extension Configuration {
    /// Both files read from this host's file system.
    package static func load(globalPath: String, customerPath: String) -> (Configuration?, DiagnosticLog) {
        load(globalPath: globalPath, customerPath: customerPath, files: LocalFiles())
    }
}
