/// Where a GOCDB fetch puts its entities as they stream in. A failed
/// attempt's entities are taken back (`rollBack(to: mark())`) before a retry.
protocol GocdbEntityStore<Field>: AnyObject {
    associatedtype Field: GocdbField
    associatedtype Mark
    func mark() -> Mark
    func rollBack(to mark: Mark)
    func add(_ entity: GocdbEntity<Field>)
}
