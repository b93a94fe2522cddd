import ArgoModel
import ArgoSystem
import FoundationEssentials

/// Per-job state files for monitoring probes:
/// `SaveDir/<customer Name>/<Dirname>/<state name>-ok_<YYYY_MM_DD>` holding
/// `True` or `False`. Files of that connector and job dated `Days` or more
/// days before the run are deleted.
package struct StateFiles: Sendable {
    let saveDir: String
    package let days: Int

    /// The host's day: a run for a later day prunes nothing (its window would hold no real day).
    var today: RunDate?

    package init(saveDir: String, days: Int, today: RunDate? = nil) {
        self.today = today
        self.saveDir = saveDir
        self.days = days
    }

    /// The state file of `target`'s day, or of another `date`.
    package func path(_ connector: ConnectorDescriptor, target: JobTarget, date: RunDate? = nil) -> String {
        "\(directory(target))/\(connector.stateName)-ok_\((date ?? target.date).underscored)"
    }

    /// The last good run's record counts (the shrink guard's baseline).
    func countsPath(_ connector: ConnectorDescriptor, target: JobTarget) -> String {
        "\(directory(target))/\(connector.stateName)-counts"
    }

    /// The shrink guard's last refusal, until a run passes.
    func refusalPath(_ connector: ConnectorDescriptor, target: JobTarget) -> String {
        "\(directory(target))/\(connector.stateName)-refused"
    }

    /// `SaveDir/<customer Name>/<Dirname>`, or `SaveDir/<customer Name>` for work that covers the customer.
    func directory(_ target: JobTarget) -> String {
        target.isCustomerWide ? "\(saveDir)/\(target.customer.name)" : "\(saveDir)/\(target.customer.name)/\(target.job.dirname)"
    }

    package func record(_ connector: ConnectorDescriptor, target: JobTarget, succeeded: Bool) throws {
        try AtomicFileWriter.replace(path(connector, target: target), with: Array((succeeded ? "True" : "False").utf8))
        try prune(connector, target: target)
    }

    private func prune(_ connector: ConnectorDescriptor, target: JobTarget) throws {
        if let today, target.date > today { return }
        let prefix = "\(connector.stateName)-ok_"
        let oldest = target.date.adding(days: -(days - 1))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory(target)) where name.hasPrefix(prefix) {
            let stamp = String(name.dropFirst(prefix.count)).replacing("_", with: "-")
            if let date = RunDate(parsing: stamp), date < oldest {
                try FileManager.default.removeItem(atPath: "\(directory(target))/\(name)")
            }
        }
    }
}
