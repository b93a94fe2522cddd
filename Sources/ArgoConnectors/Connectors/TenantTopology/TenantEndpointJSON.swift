import ArgoModel

extension TenantTopology {
    /// The endpoint at `position` of the output order as 2.3.1 writes it
    /// (`json.dumps(indent=4)`, keys and tags in its order), written at
    /// `level` of nesting straight from the arena: a hundred thousand
    /// endpoints are written without becoming strings. The one place that
    /// knows an endpoint record's shape; `endpointRecord(at:)` reads it back.
    func appendEndpointJSON(at position: Int, level: Int, into out: inout [UInt8]) {
        let index = order[position]
        let row = endpoints.rows[index]
        endpoints.withArena { arena in
            let spans = TenantEndpointTable.spans(in: arena, of: row)
            var writer = EndpointJSONWriter(arena: arena, host: spans.hostname, level: level)
            swap(&writer.out, &out)
            defer { swap(&writer.out, &out) }
            writeEndpoint(row, index: index, spans: spans, with: &writer)
        }
    }

    /// The record at `position`, as `appendEndpointJSON` writes it.
    func endpointRecord(at position: Int) -> TenantEndpointRecord {
        var bytes: [UInt8] = []
        appendEndpointJSON(at: position, level: 0, into: &bytes)
        // What was just written is JSON: reading it back cannot fail.
        return TenantEndpointRecord(json: (try? JSONParser.parse(bytes)) ?? .null)
    }

    private func writeEndpoint(_ row: TenantEndpointTable.Row, index: Int, spans: TenantEndpointTable.Spans, with writer: inout EndpointJSONWriter) {
        let top = writer.level + 1, inner = writer.level + 2
        let contacts = contactsSpan(of: index, row, spans, arena: writer.arena)
        let notified = options.honorsNotificationFlag ? row.notificationsEnabled : true
        let notifications = contacts != nil || options.honorsNotificationFlag
        writer.open()
        writer.key("type", depth: top)
        writer.literal(row.inServiceGroup ? "SERVICEGROUPS" : "SITES")
        writer.key("group", depth: top)
        writer.out += quotedPool[Int(row.group)]
        writer.key("service", depth: top)
        writer.out += quotedPool[Int(row.service)]
        if notifications, options.place == .inRecord { writer.notifications(contacts, enabled: notified, depth: top) }
        writer.key("hostname", depth: top)
        if options.uidHostnames { writer.text(spans.hostname, joinedWith: spans.id) } else { writer.text(spans.hostname) }
        writer.key("tags", depth: top)
        writer.open()
        writer.key("scope", depth: inner)
        writer.out += quotedPool[Int(row.scopes)]
        writer.key("monitored", depth: inner)
        writer.literal(row.monitored ? "1" : "0")
        writer.key("production", depth: inner)
        writer.literal(row.production ? "1" : "0")
        // 2.3.1's two parsers order the tags differently.
        if row.inServiceGroup {
            if options.uidHostnames { writer.tag("hostname", spans.hostname, depth: inner) }
            writer.tag("info_ID", spans.id, depth: inner)
            if options.passesExtensions { writer.extensions(spans.extensions, depth: inner) }
            if let urls = spans.endpointURLs { writer.tag("info_service_endpoint_URL", urls, depth: inner) }
        } else {
            writer.tag("info_ID", spans.id, depth: inner)
            if options.uidHostnames { writer.tag("hostname", spans.hostname, depth: inner) }
            if let hostDN = spans.hostDN { writer.tag("info_HOSTDN", hostDN, depth: inner) }
            if let url = spans.url, !url.isEmpty { writer.tag("info_URL", url, depth: inner) }
            if let urls = spans.endpointURLs { writer.tag("info_service_endpoint_URL", urls, depth: inner) }
            if options.passesExtensions { writer.extensions(spans.extensions, depth: inner) }
        }
        if !bdii.isEmpty {
            let hostname = String(decoding: UnsafeBufferPointer(rebasing: writer.arena[spans.hostname]), as: UTF8.self)
            for (key, value) in bdii.tags(hostname: hostname, service: endpoints.pool[row.service]) {
                writer.key(key, depth: inner)
                JSONWriter.appendASCIIQuoted(value, into: &writer.out)
            }
        }
        writer.close(depth: top)
        if notifications, options.place == .afterTags { writer.notifications(contacts, enabled: notified, depth: top) }
        writer.close(depth: writer.level)
    }

    /// The endpoint feed's CONTACT_EMAIL for this row's host and service
    /// (the last endpoint listed with them). Its host-name marks stand for
    /// this row's host name too: the row it comes from has the same host.
    private func contactsSpan(of index: Int, _ row: TenantEndpointTable.Row, _ spans: TenantEndpointTable.Spans,
                              arena: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let key = Self.contactKey(bytes: UnsafeBufferPointer(rebasing: arena[spans.hostname]), endpoints.pool[row.service])
        guard let contactIndex = contactRows[key] else { return nil }
        guard contactIndex != index else { return spans.contacts }
        let other = endpoints.rows[contactIndex]
        let otherSpans = TenantEndpointTable.spans(in: arena, of: other)
        guard other.service == row.service, arena[otherSpans.hostname].elementsEqual(arena[spans.hostname]) else { return nil }
        return otherSpans.contacts
    }
}

/// Writes one endpoint's indented JSON into `out`, its texts quoted
/// straight from the arena (host-name marks put back as they are copied).
struct EndpointJSONWriter {
    var out: [UInt8] = []
    let arena: UnsafeBufferPointer<UInt8>
    let host: Range<Int>
    let level: Int
    /// Whether the host name needs no escape: asked once, not for each text it is put back in.
    private let hostIsPlain: Bool
    private var needsComma = false

    init(arena: UnsafeBufferPointer<UInt8>, host: Range<Int>, level: Int) {
        self.arena = arena
        self.host = host
        self.level = level
        hostIsPlain = arena[host].allSatisfy(Self.isPlain)
    }

    mutating func open() {
        out.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// The object's end at `depth`.
    mutating func close(depth: Int) {
        JSONWriter.appendLineBreak(indenting: depth * 4, into: &out)
        out.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// A member's key on its own line at `depth`.
    mutating func key(_ name: StaticString, depth: Int) {
        beginMember(depth: depth)
        name.withUTF8Buffer { quoted($0) }
        separator()
    }

    mutating func key(_ name: String, depth: Int) {
        beginMember(depth: depth)
        JSONWriter.appendASCIIQuoted(name, into: &out)
        separator()
    }

    private mutating func beginMember(depth: Int) {
        if needsComma { out.append(UInt8(ascii: ",")) }
        needsComma = true
        JSONWriter.appendLineBreak(indenting: depth * 4, into: &out)
    }

    private mutating func separator() {
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { quoted($0) }
    }

    /// A tag whose value is a text of the arena.
    mutating func tag(_ name: StaticString, _ value: Range<Int>, depth: Int) {
        key(name, depth: depth)
        text(value)
    }

    /// Plain bytes (printable ASCII without `"` or `\`), quoted.
    private mutating func quoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "\""))
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// A text of the arena (then `_` and `suffix`, for UID host names), quoted.
    mutating func text(_ span: Range<Int>, joinedWith suffix: Range<Int>? = nil) {
        guard hostIsPlain, isPlain(span), suffix.map(isPlain) ?? true else {
            // Rare: escapes to write. Put the host name back, then quote as any string.
            var expanded: [UInt8] = []
            Self.expand(span, of: arena, host: host, into: &expanded)
            if let suffix {
                expanded.append(UInt8(ascii: "_"))
                Self.expand(suffix, of: arena, host: host, into: &expanded)
            }
            return expanded.withUnsafeBufferPointer { JSONWriter.appendASCIIQuoted(bytes: $0, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
        Self.expand(span, of: arena, host: host, into: &out)
        if let suffix {
            out.append(UInt8(ascii: "_"))
            Self.expand(suffix, of: arena, host: host, into: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether `span` needs no escape (host-name marks aside).
    private func isPlain(_ span: Range<Int>) -> Bool {
        arena[span].allSatisfy { Self.isPlain($0) || $0 == TenantEndpointTable.hostnameMark }
    }

    /// The bytes of `span`, each host-name mark replaced by the host name.
    /// Static: `bytes` may be this writer's own `out`.
    private static func expand(_ span: Range<Int>, of arena: UnsafeBufferPointer<UInt8>, host: Range<Int>, into bytes: inout [UInt8]) {
        var copied = span.lowerBound
        for position in span where arena[position] == TenantEndpointTable.hostnameMark {
            bytes.append(contentsOf: arena[copied..<position])
            bytes.append(contentsOf: arena[host])
            copied = position + 1
        }
        bytes.append(contentsOf: arena[copied..<span.upperBound])
    }

    /// `info_ext_<KEY>` tags, each key once: its first place, its last value (2.3.1's dict).
    mutating func extensions(_ extensions: [(key: Range<Int>, value: Range<Int>)], depth: Int) {
        for (number, ext) in extensions.enumerated() {
            let sameKey = { (other: (key: Range<Int>, value: Range<Int>)) in arena[other.key].elementsEqual(arena[ext.key]) }
            guard !extensions[..<number].contains(where: sameKey) else { continue }
            let value = extensions[number...].last(where: sameKey)?.value ?? ext.value
            if arena[ext.key].allSatisfy(Self.isPlain) {
                beginMember(depth: depth)
                out += "\"info_ext_".utf8
                out.append(contentsOf: arena[ext.key])
                out.append(UInt8(ascii: "\""))
                separator()
            } else {
                key("info_ext_" + String(decoding: UnsafeBufferPointer(rebasing: arena[ext.key]), as: UTF8.self), depth: depth)
            }
            text(value)
        }
    }

    /// `"notifications": {"contacts": [...], "enabled": ...}`, the contacts
    /// `contacts` split on `;` (none: an empty list).
    mutating func notifications(_ contacts: Range<Int>?, enabled: Bool, depth: Int) {
        key("notifications", depth: depth)
        open()
        key("contacts", depth: depth + 1)
        if let contacts {
            out.append(UInt8(ascii: "["))
            var start = contacts.lowerBound
            for position in contacts.lowerBound...contacts.upperBound where position == contacts.upperBound || arena[position] == UInt8(ascii: ";") {
                if start > contacts.lowerBound { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendLineBreak(indenting: (depth + 2) * 4, into: &out)
                text(start..<position)
                start = position + 1
            }
            JSONWriter.appendLineBreak(indenting: (depth + 1) * 4, into: &out)
            out.append(UInt8(ascii: "]"))
        } else {
            out += "[]".utf8
        }
        key("enabled", depth: depth + 1)
        out += (enabled ? "true" : "false").utf8
        close(depth: depth)
    }
}
