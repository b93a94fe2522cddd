/// Where a GOCDB fetch puts its entities as they stream in. `truncate`
/// undoes a failed attempt's entities before a retry.
protocol GocdbEntityStore<Field>: AnyObject {
    associatedtype Field: GocdbField
    var count: Int { get }
    func add(_ entity: GocdbEntity<Field>)
    func truncate(to count: Int)
}
