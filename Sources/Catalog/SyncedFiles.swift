import FileSystem
import Foundation
import Records

/// Fingerprints of record files whose national part equals their merge base
/// (`content/.dong-bo/tep.tsv`, one `code<TAB>hash` line each, committed with the content).
///
/// A file whose bytes still have the recorded fingerprint is untouched since then, so when the
/// catalog also still equals the base, sync can say "unchanged" without parsing it: that is
/// the common case of `tthc sync --check` on every push. Any edited file takes the full path.
///
/// A line may go on with the catalog entry the record was last synchronized from and a check
/// (`code<TAB>hash<TAB>entry<TAB>check`): an entry whose bytes are the same again, for an untouched
/// file over the same merge base, is known unchanged without being parsed or mapped
/// (`CatalogSync.plan`), which was nine tenths of a daily sync. The check ties the entry to this
/// code and to the base written then, so that a key on another code's line (a bad merge of this
/// file, an edit by hand) proves nothing. A line of two fields (an older tthc's) proves only the file.
public struct SyncedFiles: Sendable, Equatable {
    public static let path = OwnPlaces.fingerprints

    /// What sync knows of one record file, by code.
    public struct Line: Sendable, Equatable {
        /// `fingerprint` of the file's bytes as sync left them.
        public var fingerprint: String
        /// The entry's key (`NationalExport.key`) and `check` of it with the code and the base written from it.
        public var source: (entry: String, check: String)?

        public init(fingerprint: String, source: (entry: String, check: String)? = nil) {
            self.fingerprint = fingerprint
            self.source = source
        }

        public static func == (a: Line, b: Line) -> Bool {
            a.fingerprint == b.fingerprint && a.source?.entry == b.source?.entry && a.source?.check == b.source?.check
        }
    }

    var lines: [String: Line]

    init(site: URL) {
        self.init(bytes: Array(FileManager.default.contents(atPath: site.appendingPathComponent(Self.path).path) ?? Data()))
    }

    init(bytes: [UInt8]) {
        var lines: [String: Line] = [:]
        for var line in bytes.split(separator: UInt8(ascii: "\n")) {
            // A checkout that wrote CRLF (git on Windows) says the same.
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let fields = line.split(separator: UInt8(ascii: "\t")).map { String(decoding: $0, as: UTF8.self) }
            switch fields.count {
            case 2: lines[fields[0]] = Line(fingerprint: fields[1])
            case 4: lines[fields[0]] = Line(fingerprint: fields[1], source: (fields[2], fields[3]))
            default: continue
            }
        }
        self.lines = lines
    }

    var text: String {
        lines.keys.sorted().map { code in
            let line = lines[code]!
            return ([code, line.fingerprint] + (line.source.map { [$0.entry, $0.check] } ?? [])).joined(separator: "\t") + "\n"
        }.joined()
    }

    /// The code each entry key was last synchronized into; a key on two lines names neither.
    var codesByEntry: [String: String] {
        var codes: [String: String?] = [:]
        for (code, line) in lines {
            guard let entry = line.source?.entry else { continue }
            codes[entry] = codes[entry] == nil ? code : .some(nil)
        }
        return codes.compactMapValues { $0 }
    }

    /// FNV-1a, 64 bits: enough to notice an edit, fast over hundreds of megabytes.
    public static func fingerprint<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hex(hash)
    }

    /// XXH3 (64 bits) of a merge base's text, seeded with the code and the entry's key: it holds
    /// only for the base this code was written from that entry (every base is hashed at every sync).
    static func check(code: String, entry: String, base: String) -> String {
        let seed = ContentHash(Array("\(code)\t\(entry)".utf8)).low
        var text = base
        return text.withUTF8 { hex(ContentHash(UnsafeRawBufferPointer($0), seed: seed).low) }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
