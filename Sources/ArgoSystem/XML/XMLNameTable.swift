import FoundationEssentials
import ArgoModel
import CLibXML2
import Glibc

/// Maps element names to small integers (their index in `names`, or -1),
/// caching by libxml2's interned name pointer so a lookup is a few
/// instructions rather than a string comparison.
package struct XMLNameTable {
    package let names: [String]
    private var keys: [UInt]
    private var ids: [Int32]
    private var used = 0
    private let mask: Int

    package init(_ names: [String]) {
        self.names = names
        mask = 1023
        keys = Array(repeating: 0, count: mask + 1)
        ids = Array(repeating: -1, count: mask + 1)
    }

    package mutating func id(of name: UnsafePointer<UInt8>) -> Int {
        let key = UInt(bitPattern: name)
        var slot = Int(truncatingIfNeeded: (key >> 3) &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
        while keys[slot] != 0 {
            if keys[slot] == key { return Int(ids[slot]) }
            slot = (slot + 1) & mask
        }
        let found = names.firstIndex { $0.utf8.elementsEqual(UnsafeBufferPointer(start: name, count: strlen(name))) } ?? -1
        // A hostile document can invent endless names: stop caching when half full.
        if used < (mask + 1) / 2 {
            keys[slot] = key
            ids[slot] = Int32(found)
            used += 1
        }
        return found
    }
}
