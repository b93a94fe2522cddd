/// What writer and reader of object container files share.
enum AvroContainerFormat {
    /// "Obj" 1, the first four bytes of every container file.
    static let magic: [UInt8] = [0x4F, 0x62, 0x6A, 0x01]
}
