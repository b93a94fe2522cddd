/// A record whose JSON form is its own (argo-connectors 2.3.1's files keep
/// a value's JSON type as the feed gave it: `"4600"` or `12000`), written
/// as it is rather than rendered from its Avro fields.
package protocol JSONShapedRecord: OutputRecord {
    var json: JSONValue { get }
}
