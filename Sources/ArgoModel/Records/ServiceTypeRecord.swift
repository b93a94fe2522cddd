/// A service type as argo-connectors 2.3.1 sends it to the WEB-API's
/// `topology/service-types`: `{"name", "description", "tags": [...]}`,
/// `tags` holding where it comes from (`topology`, or `poem` for the
/// WEB-API's own).
package struct ServiceTypeRecord: JSONShapedRecord, Hashable {
    package var name: String
    package var description: String
    package var tags: [String]

    package init(name: String, description: String, tags: [String]) {
        self.name = name
        self.description = description
        self.tags = tags
    }

    /// The tag of a type from the topology (GOCDB), and of the WEB-API's own (POEM's).
    package static let topologyTag = "topology"
    package static let poemTag = "poem"

    package static let kind = OutputKind.serviceTypes
    /// Its fields for the pipeline's binding; what is sent is `json`.
    package static let fields: [OutputField<Self>] = [
        .string("name") { $0.name }, .string("description") { $0.description }, .string("tags") { $0.tags.joined(separator: ",") },
    ]

    package var json: JSONValue {
        .object([("name", .string(name)), ("description", .string(description)), ("tags", .array(tags.map(JSONValue.string)))])
    }
}
