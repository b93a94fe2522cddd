/// Entities kept as read (sites, service groups, downtimes: thousands, not
/// hundreds of thousands). Lives for one fetch; its `entities` are the result.
final class GocdbEntityList<Field: GocdbField>: GocdbEntityStore {
    private(set) var entities: [GocdbEntity<Field>] = []
    func mark() -> Int { entities.count }
    func rollBack(to mark: Int) { entities.removeSubrange(mark...) }
    func add(_ entity: GocdbEntity<Field>) { entities.append(entity) }
}
