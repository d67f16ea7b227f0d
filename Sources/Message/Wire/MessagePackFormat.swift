/// The msgpack format bytes the metadata codec writes or reads (msgpack spec, "Formats").
enum MessagePackFormat {
    static let fixmapLow: UInt8 = 0x80
    static let fixmapHigh: UInt8 = 0x8f
    static let fixstrLow: UInt8 = 0xa0
    static let fixstrHigh: UInt8 = 0xbf
    static let nilValue: UInt8 = 0xc0
    static let bin8: UInt8 = 0xc4
    static let bin16: UInt8 = 0xc5
    static let bin32: UInt8 = 0xc6
    static let str8: UInt8 = 0xd9
    static let str16: UInt8 = 0xda
    static let str32: UInt8 = 0xdb
    static let map16: UInt8 = 0xde
    static let map32: UInt8 = 0xdf

    /// The spec's name of the format a byte starts, for error messages.
    static func name(of byte: UInt8) -> String {
        switch byte {
        case 0x00...0x7f: "positive fixint"
        case fixmapLow...fixmapHigh: "fixmap"
        case 0x90...0x9f: "fixarray"
        case fixstrLow...fixstrHigh: "fixstr"
        case nilValue: "nil"
        case 0xc1: "never used (0xc1)"
        case 0xc2, 0xc3: "bool"
        case bin8: "bin 8"
        case bin16: "bin 16"
        case bin32: "bin 32"
        case 0xc7: "ext 8"
        case 0xc8: "ext 16"
        case 0xc9: "ext 32"
        case 0xca: "float 32"
        case 0xcb: "float 64"
        case 0xcc...0xcf: "uint"
        case 0xd0...0xd3: "int"
        case 0xd4...0xd8: "fixext"
        case str8: "str 8"
        case str16: "str 16"
        case str32: "str 32"
        case 0xdc: "array 16"
        case 0xdd: "array 32"
        case map16: "map 16"
        case map32: "map 32"
        default: "negative fixint"
        }
    }
}
