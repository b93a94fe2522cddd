/// Comma-separated values as Python's `csv.reader` reads them (2.3.1's flat
/// feeds): fields split on commas, `"quoted, fields"` with `""` for a quote,
/// line breaks inside quotes kept, CRLF or LF ends. Blank lines are skipped
/// (2.3.1 crashed on them).
enum CSVReader {
    /// The records with the line each starts on (1-based).
    package static func records(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var quoted = false, wasQuoted = false
        var index = bytes.startIndex
        // A UTF-8 byte order mark is not part of the first header.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index += 3 }
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { records.append((recordLine, fields)) }
            fields.removeAll()
            field.removeAll()
            wasQuoted = false
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
                wasQuoted = false
            case UInt8(ascii: "\"") where field.isEmpty:
                quoted = true
                wasQuoted = true
            case UInt8(ascii: "\r") where index < bytes.endIndex && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if quoted { throw FormatError(.csv, "a quoted field is not closed", at: "line \(recordLine)") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
