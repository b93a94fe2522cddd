/// Fills an `EndpointTable` from a get_service_endpoint fetch, where each
/// endpoint's own SITENAME is its group.
final class EndpointTableBuilder: GocdbEntityStore {
    private var building = EndpointTable()

    /// The endpoints, each PRIMARY_KEY's last copy only (as the original kept them).
    var table: EndpointTable { building.keepingLastCopies() }

    func mark() -> EndpointTable.Mark { building.mark }
    func rollBack(to mark: EndpointTable.Mark) { building.rollBack(to: mark) }
    func add(_ entity: GocdbEntity<EndpointField>) { building.add(entity, group: entity[.siteName]) }
}
