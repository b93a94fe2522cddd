/// A record whose JSON form is its own (argo-connectors 2.3.1's files keep
/// a value's JSON type as the feed gave it: `"4600"` or `12000`), written
/// as it is rather than rendered from its Avro fields.
package protocol JSONShapedRecord: OutputRecord {
    var json: JSONValue { get }
    /// `json` written indented (`json.dumps(indent=4)`) at `level`.
    func appendIndentedJSON(level: Int, into out: inout [UInt8])
}

extension JSONShapedRecord {
    /// The record as `JSONWriter.appendIndented(json)` writes it; records
    /// written by the hundred thousand write themselves instead.
    package func appendIndentedJSON(level: Int, into out: inout [UInt8]) {
        JSONWriter.appendIndented(json, level: level, into: &out)
    }
}
