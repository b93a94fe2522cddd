import Glibc
import ArgoModel

/// Fills an `EndpointTable` from a get_service_endpoint fetch, where each
/// endpoint's own SITENAME is its group.
final class EndpointTableBuilder: GocdbEntityStore {
    private(set) var table = EndpointTable()
    var count: Int { table.count }
    func add(_ entity: GocdbEntity<EndpointField>) { table.add(entity, group: entity[.siteName]) }
    func truncate(to count: Int) { table.truncate(to: count) }
}
