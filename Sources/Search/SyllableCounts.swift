/// How often each syllable occurs in one text, counted without a string per occurrence: a body
/// holds some 2,500 words but a few hundred distinct ones, and hashing a string for each word was
/// a quarter of the index's time. Syllables of up to 16 bytes (every Vietnamese one) are keys of
/// two machine words in an open-addressing table; longer words go to a dictionary.
struct SyllableCounts {
    private var low: [UInt64]
    private var high: [UInt64]
    /// 0 marks an empty slot (no syllable is empty).
    private var lengths: [UInt8]
    private var counts: [Int32]
    private var used = 0
    private var long: [String: Int] = [:]

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        low = Array(repeating: 0, count: size)
        high = Array(repeating: 0, count: size)
        lengths = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
    }

    mutating func add(_ word: UnsafeBufferPointer<UInt8>) {
        guard word.count <= 16 else {
            long[String(decoding: word, as: UTF8.self), default: 0] += 1
            return
        }
        var lo: UInt64 = 0, hi: UInt64 = 0
        for index in word.indices {
            if index < 8 { lo |= UInt64(word[index]) << (8 * index) } else { hi |= UInt64(word[index]) << (8 * (index - 8)) }
        }
        let length = UInt8(word.count)
        let mask = lengths.count - 1
        var slot = Self.slot(lo, hi, length, mask: mask)
        while lengths[slot] != 0 {
            if lengths[slot] == length, low[slot] == lo, high[slot] == hi {
                counts[slot] += 1
                return
            }
            slot = (slot + 1) & mask
        }
        low[slot] = lo
        high[slot] = hi
        lengths[slot] = length
        counts[slot] = 1
        used += 1
        if used * 10 > lengths.count * 7 { grow() }
    }

    /// How many distinct syllables were counted.
    var distinct: Int { used + long.count }

    /// Every syllable counted, with its count (in no particular order).
    func forEach(_ body: (String, Int) -> Void) {
        var bytes: [UInt8] = []
        for slot in lengths.indices where lengths[slot] != 0 {
            bytes.removeAll(keepingCapacity: true)
            for index in 0..<Int(lengths[slot]) {
                let word = index < 8 ? low[slot] >> (8 * index) : high[slot] >> (8 * (index - 8))
                bytes.append(UInt8(truncatingIfNeeded: word))
            }
            body(String(decoding: bytes, as: UTF8.self), Int(counts[slot]))
        }
        for (word, count) in long { body(word, count) }
    }

    private static func slot(_ lo: UInt64, _ hi: UInt64, _ length: UInt8, mask: Int) -> Int {
        var hash = (lo &* 0x9E37_79B9_7F4A_7C15) ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & mask
    }

    private mutating func grow() {
        let old = (low, high, lengths, counts)
        let size = lengths.count * 2
        low = Array(repeating: 0, count: size)
        high = Array(repeating: 0, count: size)
        lengths = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        let mask = size - 1
        for index in old.2.indices where old.2[index] != 0 {
            var slot = Self.slot(old.0[index], old.1[index], old.2[index], mask: mask)
            while lengths[slot] != 0 { slot = (slot + 1) & mask }
            low[slot] = old.0[index]
            high[slot] = old.1[index]
            lengths[slot] = old.2[index]
            counts[slot] = old.3[index]
        }
    }
}
