import Catalog

/// Whether bytes changed: the fingerprint sync keeps of record files (FNV-1a, 64 bits).
enum Fingerprint {
    static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        SyncedFiles.fingerprint(bytes)
    }

    /// Of a file as written, whatever line endings a checkout gave it (our JSON never holds a raw CR).
    static func ignoringCarriageReturns<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        of(bytes.lazy.filter { $0 != 0x0D })
    }
}
