/// The rows of a flat feed (2.3.1's CSV and JSON topologies, service types
/// and downtimes): a CSV file whose first line names the columns, or a
/// JSON array of objects with those names as keys. A row that lacks a
/// column, a short CSV line or a JSON value of another type is an error
/// naming the line or element and the column, never a guess.
package struct FlatRows: Sendable {
    package enum Format: String, Sendable {
        case csv = "CSV"
        case json = "JSON"
    }

    package struct Row: Sendable {
        /// `line 3` (CSV) or `[2]` (JSON), for messages.
        package let location: String
        /// The columns in the feed's order, with their values.
        package let values: [(String, JSONValue)]

        private func value(_ column: String) throws -> JSONValue {
            guard let value = values.last(where: { $0.0 == column })?.1 else {
                throw FormatError(.jsonShape, "missing \"\(column)\"", at: location)
            }
            return value
        }

        private func path(_ column: String) -> String { location.hasPrefix("[") ? "\(location).\(column)" : "\(location), column \(column)" }

        /// A text column.
        package func text(_ column: String) throws -> String {
            try value(column).text(at: path(column))
        }

        /// A text or number column as text (JSON feeds give IDs as numbers; 2.3.1 took their `str`).
        package func identifier(_ column: String) throws -> String {
            let value = try value(column)
            if case .number(let literal) = value { return literal }
            return try value.text(at: path(column))
        }

        /// A text column, or (JSON) a list of texts.
        package func texts(_ column: String) throws -> [String] {
            let value = try value(column)
            guard case .array(let items) = value else { return [try value.text(at: path(column))] }
            return try items.enumerated().map { try $1.text(at: "\(path(column))[\($0)]") }
        }

        /// The last column whose name starts with `prefix`, in any case (2.3.1's `Service Description…`).
        package func column(startingWith prefix: String) -> String? {
            values.last { $0.0.lowercased().hasPrefix(prefix.lowercased()) }?.0
        }
    }

    package let rows: [Row]

    /// Whether text may stand as a name or a host: no control character
    /// (NUL, a line break among them), and no U+FFFD, which is what bytes
    /// that are not UTF-8 were read as. A row failing it is left out and
    /// counted, never written as data.
    package static func isNameText(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{FFFD}" }
    }

    /// Why a row's name and host fields cannot be used, if so.
    package static let badNameReason = "row with a control character, NUL or invalid UTF-8 in a name or host"

    /// Reads `body`; every row must have `columns` (a CSV header must name them).
    package init(_ body: [UInt8], format: Format, columns: [String]) throws {
        switch format {
        case .csv: rows = try Self.csvRows(body, columns: columns)
        case .json: rows = try Self.jsonRows(body, columns: columns)
        }
    }

    private static func csvRows(_ body: [UInt8], columns: [String]) throws -> [Row] {
        let records = try CSVReader.records(body)
        guard let header = records.first else { throw FormatError(.csv, "no header line: the feed is empty") }
        if let missing = columns.first(where: { !header.fields.contains($0) }) {
            throw FormatError(.csv, "the header has no column \"\(missing)\" (it has: \(header.fields.joined(separator: ", ")))", at: "line \(header.line)")
        }
        return try records.dropFirst().map { record in
            guard record.fields.count >= header.fields.count else {
                throw FormatError(.csv, "\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(header.fields.count)",
                                  at: "line \(record.line)")
            }
            return Row(location: "line \(record.line)", values: zip(header.fields, record.fields).map { ($0, JSONValue.string($1)) })
        }
    }

    private static func jsonRows(_ body: [UInt8], columns: [String]) throws -> [Row] {
        try JSONParser.parse(body).array(at: "").enumerated().map { index, item in
            let location = "[\(index)]"
            guard let members = item.objectMembers else { throw FormatError.expected("an object", at: location, found: item) }
            let row = Row(location: location, values: members)
            for column in columns where !members.contains(where: { $0.0 == column }) {
                throw FormatError(.jsonShape, "missing \"\(column)\"", at: location)
            }
            return row
        }
    }
}
