import Foundation
import Records

/// Fingerprints of record files whose national part equals their merge base
/// (`content/.dong-bo/tep.tsv`, one `code<TAB>hash` line each, committed with the content).
///
/// A file whose bytes still have the recorded fingerprint is untouched since then, so when the
/// catalog also still equals the base, sync can say "unchanged" without parsing it: that is
/// the common case of `tthc sync --check` on every push. Any edited file takes the full path.
public struct SyncedFiles: Sendable, Equatable {
    public static let path = OwnPlaces.fingerprints

    var fingerprints: [String: String]

    init(site: URL) {
        self.init(bytes: Array(FileManager.default.contents(atPath: site.appendingPathComponent(Self.path).path) ?? Data()))
    }

    init(bytes: [UInt8]) {
        var fingerprints: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: "\t"))
            guard fields.count == 2 else { continue }
            fingerprints[String(decoding: fields[0], as: UTF8.self)] = String(decoding: fields[1], as: UTF8.self)
        }
        self.fingerprints = fingerprints
    }

    var text: String {
        fingerprints.keys.sorted().map { "\($0)\t\(fingerprints[$0] ?? "")\n" }.joined()
    }

    /// FNV-1a, 64 bits: enough to notice an edit, fast over hundreds of megabytes.
    public static func fingerprint<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
