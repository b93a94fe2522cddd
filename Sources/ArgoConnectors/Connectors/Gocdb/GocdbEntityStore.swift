/// Where a GOCDB fetch puts its entities as they stream in. `truncate`
/// undoes a failed attempt's entities before a retry.
protocol GocdbEntityStore<Field>: AnyObject {
    associatedtype Field: GocdbField
    var count: Int { get }
    func add(_ entity: GocdbEntity<Field>)
    func truncate(to count: Int)
}

/// Entities kept as read (sites, service groups, downtimes: thousands, not
/// hundreds of thousands). Lives for one fetch; its `entities` are the result.
final class GocdbEntityList<Field: GocdbField>: GocdbEntityStore {
    private(set) var entities: [GocdbEntity<Field>] = []
    var count: Int { entities.count }
    func add(_ entity: GocdbEntity<Field>) { entities.append(entity) }
    func truncate(to count: Int) { entities.removeSubrange(count...) }
}
