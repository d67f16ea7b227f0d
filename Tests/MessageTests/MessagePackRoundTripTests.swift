import Foundation
import Message
import TestSupport
import Testing

/// Property: any map decodes back to itself, and equal maps encode to equal bytes however they
/// were built. Samples come from a fixed seed, so a failure reproduces.
@Suite struct MessagePackRoundTripTests {
    @Test func randomMapsRoundTrip() throws {
        var random = SeededRandom(seed: 0x5EED_0001)
        for sample in 0..<1_000 {
            let metadata = Self.randomMap(using: &random)
            let encoded = MessagePackMetadata.encode(metadata)
            let decoded = try MessagePackMetadata.decode(encoded)
            #expect(decoded == metadata, "sample \(sample)")
            let rebuilt = Dictionary(uniqueKeysWithValues: metadata.shuffled(using: &random).map { ($0.key, $0.value) })
            #expect(MessagePackMetadata.encode(rebuilt) == encoded, "sample \(sample)")
        }
    }

    /// Entry counts and string lengths cluster around the format boundaries (15/16 entries;
    /// 31/32, 255/256 and 65535/65536 bytes); text mixes 1- to 4-byte UTF-8 characters.
    private static func randomMap(using random: inout SeededRandom) -> [String: String] {
        let count =
            switch Int.random(in: 0..<10, using: &random) {
            case 0: Int.random(in: 14...18, using: &random)
            case 1: Int.random(in: 30...40, using: &random)
            default: Int.random(in: 0...5, using: &random)
            }
        var metadata = [String: String]()
        for _ in 0..<count {
            metadata[randomString(using: &random)] = randomString(using: &random)
        }
        return metadata
    }

    private static func randomString(using random: inout SeededRandom) -> String {
        let length =
            switch Int.random(in: 0..<400, using: &random) {
            case 0: Int.random(in: 65_530...65_540, using: &random)
            case 1..<40: Int.random(in: 250...260, using: &random)
            case 40..<120: Int.random(in: 28...36, using: &random)
            default: Int.random(in: 0...12, using: &random)
            }
        var text = String.UnicodeScalarView()
        for _ in 0..<length {
            let range: ClosedRange<UInt32> =
                switch Int.random(in: 0..<8, using: &random) {
                case 0: 0x80...0x7FF
                case 1: 0x800...0xD7FF
                case 2: 0x1_0000...0x1_FFFF
                default: 0x20...0x7E
                }
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) {
                text.append(scalar)
            }
        }
        return String(text)
    }
}
