import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Per-job state files for monitoring probes:
/// `SaveDir/<customer Name>/<Dirname>/<connector>-ok_<YYYY_MM_DD>` holding
/// `True` or `False`. Files of that connector and job dated `Days` or more
/// days before the run are deleted.
package struct StateFiles: Sendable {
    package let saveDir: String
    package let days: Int

    package init(saveDir: String, days: Int) {
        self.saveDir = saveDir
        self.days = days
    }

    package func path(connector: String, target: JobTarget) -> String {
        "\(directory(target))/\(connector)-ok_\(target.date.underscored)"
    }

    /// `SaveDir/<customer Name>/<Dirname>`.
    package func directory(_ target: JobTarget) -> String {
        "\(saveDir)/\(target.customer.name)/\(target.job.dirname)"
    }

    package func record(connector: String, target: JobTarget, succeeded: Bool) throws {
        let file = try AtomicFileWriter(path: path(connector: connector, target: target), permissions: 0o644)
        do {
            try file.write(Array((succeeded ? "True" : "False").utf8))
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        try prune(connector: connector, target: target)
    }

    private func prune(connector: String, target: JobTarget) throws {
        let prefix = "\(connector)-ok_"
        let oldest = target.date.adding(days: -(days - 1))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory(target)) where name.hasPrefix(prefix) {
            let stamp = String(name.dropFirst(prefix.count)).replacing("_", with: "-")
            if let date = RunDate(parsing: stamp), date < oldest {
                try FileManager.default.removeItem(atPath: "\(directory(target))/\(name)")
            }
        }
    }
}
