import CXXHash
import Glibc

/// Whether bytes changed, told by XXH3's 128 bits: what a build keeps of every file it read and
/// wrote (`BuildState`), and what the preview keeps of every record. XXH3 runs at memory speed;
/// Swift's `hashValue` of a `[UInt8]` goes through `Hasher` one byte at a time, and at 10,000
/// procedures (300 MB) that was a third of each save's rebuild in `tthc serve`. Not a defence
/// against someone forging a collision: the files are the site's own.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        let hash = XXH3_128bits(bytes.baseAddress, bytes.count)
        self.init(high: hash.high64, low: hash.low64)
    }

    /// With a seed: the same bytes under another seed (what they are read as) hash apart.
    public init(_ bytes: UnsafeRawBufferPointer, seed: UInt64) {
        let hash = XXH3_128bits_withSeed(bytes.baseAddress, bytes.count, seed)
        self.init(high: hash.high64, low: hash.low64)
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { ContentHash($0) }
    }

    /// Of the file at `path` (a link is not followed unless asked), read 64 KB at a time: an export
    /// of 185 MB is hashed without being held, and the buffer stays below the size from which
    /// malloc maps fresh pages (a megabyte's buffer per file made hashing 20,000 files 5 s of page
    /// faults). Nil when it cannot be read.
    public static func ofFile(_ path: String, followingLinks: Bool = false) -> ContentHash? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let state = XXH3_createState() else { return nil }
        defer { XXH3_freeState(state) }
        XXH3_128bits_reset(state)
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, chunk)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            XXH3_128bits_update(state, buffer, count)
        }
        let hash = XXH3_128bits_digest(state)
        return ContentHash(high: hash.high64, low: hash.low64)
    }

    /// 32 hexadecimal digits.
    public var description: String { Self.hex(high) + Self.hex(low) }

    /// Read back from `description`.
    public init?(_ text: Substring) {
        guard text.utf8.count == 32, let high = UInt64(text.prefix(16), radix: 16), let low = UInt64(text.suffix(16), radix: 16) else {
            return nil
        }
        self.init(high: high, low: low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
