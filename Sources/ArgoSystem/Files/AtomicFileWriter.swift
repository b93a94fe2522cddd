import ArgoModel
import FoundationEssentials
import Glibc

/// Writes a file so that its final path only ever holds a complete file:
/// data goes to a temporary file in the same directory, which is fsynced
/// and renamed over the final path; on any failure it is removed and the
/// old file (yesterday's good one) stays untouched.
package final class AtomicFileWriter {
    package let finalPath: String
    let temporaryPath: String
    private var descriptor: Int32
    private var done = false

    static func systemError(_ path: String, _ what: String) -> OutputError {
        OutputError(path, "\(what): \(FileDescriptor.reason(errno))")
    }

    /// Prefix of temporary files for `fileName`, so a later run can sweep up
    /// what a killed run left behind.
    static func temporaryPrefix(for fileName: String) -> String { ".\(fileName).tmp-" }

    package init(path: String, permissions: mode_t = 0o644) throws {
        finalPath = path
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try Self.createDirectory(directory)
        temporaryPath = directory + "/" + Self.temporaryPrefix(for: url.lastPathComponent) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        if descriptor < 0 { throw Self.systemError(temporaryPath, "cannot create") }
    }

    deinit {
        if !done { abandon() }
    }

    /// `mkdir -p`: the folder and any missing parents.
    package static func createDirectory(_ path: String) throws {
        if LocalFiles.isDirectory(path) { return }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path && !parent.isEmpty && access(parent, F_OK) != 0 { try createDirectory(parent) }
        if mkdir(path, 0o755) != 0 {
            let code = errno
            if code == EEXIST, LocalFiles.isDirectory(path) { return }
            throw OutputError(path, "cannot create directory (\(FileDescriptor.reason(code == EEXIST ? ENOTDIR : code)))")
        }
    }

    /// Removes the temporary files in `directory` that a killed run left
    /// behind: those whose writer (the PID in their name) is no longer
    /// alive. Never those of a live run. Returns what it removed.
    @discardableResult
    package static func sweepAbandonedTemporaries(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { entry in
            guard entry.hasPrefix("."), let pid = writerPID(entry), !isAlive(pid) else { return false }
            return unlink(directory + "/" + entry) == 0
        }
    }

    /// The PID in `.NAME.tmp-PID-RANDOM`.
    static func writerPID(_ name: String) -> pid_t? {
        guard let marker = name.ranges(of: ".tmp-").last else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-")
        guard parts.count == 2, UInt32(parts[1]) != nil else { return nil }
        return pid_t(parts[0])
    }

    private static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH
    }

    package func write(_ bytes: [UInt8]) throws {
        if let code = FileDescriptor.writeAll(descriptor, bytes) {
            throw OutputError(temporaryPath, "write failed: \(FileDescriptor.reason(code))")
        }
    }

    /// Replaces the file at `path` with `bytes` in one step: the whole new
    /// file, or (on any failure) the old one untouched.
    package static func replace(_ path: String, with bytes: [UInt8], permissions: mode_t = 0o644) throws {
        let file = try AtomicFileWriter(path: path, permissions: permissions)
        do {
            try file.write(bytes)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Makes the file durable and moves it to its final path.
    package func commit() throws {
        try finishWriting()
        try publish()
    }

    /// Makes the temporary file complete and durable (fsync, close); the
    /// final path is not touched yet. For outputs replaced together: finish
    /// every one, then publish every one.
    package func finishWriting() throws {
        guard descriptor >= 0 else { return }
        guard fsync(descriptor) == 0 else {
            let failure = Self.systemError(temporaryPath, "fsync failed")
            abandon()
            throw failure
        }
        guard close(descriptor) == 0 else {
            descriptor = -1
            let failure = Self.systemError(temporaryPath, "close failed")
            abandon()
            throw failure
        }
        descriptor = -1
    }

    /// Renames the finished temporary file over the final path and syncs the folder.
    func publish() throws {
        defer { done = true }
        guard rename(temporaryPath, finalPath) == 0 else {
            let failure = Self.systemError(finalPath, "rename failed")
            unlink(temporaryPath)
            throw failure
        }
        Self.syncDirectory(URL(fileURLWithPath: finalPath).deletingLastPathComponent().path)
    }

    /// Prefix of the journal of a replacement of several files, followed by the writer's PID.
    static let journalPrefix = ".argo-connectors-replacing-"

    /// Renames finished files into place as one replacement. Several renames
    /// cannot be one atomic step, so a journal listing them all is written
    /// (whole, synced) before the first: a run killed between two renames
    /// leaves the journal, and the next run completes the replacement
    /// (`completeInterruptedReplacements`) before it does anything else.
    package static func publishTogether(_ files: [AtomicFileWriter], in directory: String) throws {
        guard files.count > 1 else { return try files.first?.publish() ?? () }
        let entries = files.map { file in
            JSONValue.array([.string(Self.fileName(file.temporaryPath)), .string(Self.fileName(file.finalPath))])
        }
        let journal = "\(directory)/\(journalPrefix)\(getpid())"
        try replace(journal, with: Array(JSONWriter.serialize(.array(entries)).utf8), permissions: 0o600)
        for file in files { try file.publish() }
        unlink(journal)
        syncDirectory(directory)
    }

    /// Completes what killed runs left half-replaced in `directory`: for each
    /// journal of a writer that is gone, renames the listed files still
    /// waiting (they were complete and synced before the journal was
    /// written), then removes the journal. Returns the files completed.
    @discardableResult
    package static func completeInterruptedReplacements(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var completed: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(journalPrefix) {
            guard let pid = pid_t(entry.dropFirst(journalPrefix.count)), !isAlive(pid) else { continue }
            let journal = "\(directory)/\(entry)"
            let pairs = (try? LocalFiles.read(journal, limit: LocalFiles.SizeLimit.state)).flatMap { try? JSONParser.parse($0) }?.arrayValue ?? []
            for pair in pairs {
                guard let names = pair.arrayValue, names.count == 2, let temporary = names[0].stringValue, let final = names[1].stringValue,
                      !temporary.contains("/"), !final.contains("/") else { continue }
                if rename("\(directory)/\(temporary)", "\(directory)/\(final)") == 0 { completed.append(final) }
            }
            unlink(journal)
            syncDirectory(directory)
        }
        return completed
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    private static func syncDirectory(_ path: String) {
        let directory = open(path, O_RDONLY | O_DIRECTORY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Drops the temporary file; the final path is left as it was.
    package func abandon() {
        done = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }
}
