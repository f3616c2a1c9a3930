/// Which shard file holds each term. A shard's key is a prefix of every term in it; a key whose
/// terms weigh more than `targetBytes` is split by one more character, down to single terms. So a
/// common syllable ("dang", with "dang ki", "dang ki…") gets files of its own while rare
/// letters share one, and a small site has a handful of files.
///
/// The page finds a term's shard as the longest key that is a prefix of the term, and a prefix's
/// shards as that one plus every key that starts with the prefix; the manifest lists the keys.
struct ShardPlan {
    static let targetBytes = 8_000
    /// Keys stop growing here, whatever their terms weigh: a key is a file name (up to 8 bytes a
    /// scalar spelt in hexadecimal), and many long words that share a long beginning (300 letters
    /// pasted as keywords) would otherwise make one longer than the 255 bytes a file system takes.
    /// The page still finds each term under the longest key that is a prefix of it.
    static let longestKey = 24

    /// Keys in order, each with its terms in order.
    private(set) var shards: [(key: String, terms: [String])] = []
    let target: Int

    /// `bytes` estimates what each term adds to its file.
    init(terms: [String: Int], target: Int = ShardPlan.targetBytes) {
        self.target = target
        // In the order of their scalars, the terms under any key are one run, and a key's own term
        // (the key itself) comes first in it: each split is a walk along a run, with no grouping
        // (a unit's index was a tenth of a province's build, most of it grouping terms by prefix).
        var entries = terms.map { Entry(text: $0.key, scalars: Array($0.key.unicodeScalars), bytes: $0.value) }
        entries.sort { $0.scalars.lexicographicallyPrecedes($1.scalars) { $0.value < $1.value } }
        var running = 0
        let weights = [0] + entries.map { running += $0.bytes; return running }
        // No term at all: one empty shard at the root, as for any small index.
        if entries.isEmpty { shards = [("", [])] } else { split(0..<entries.count, depth: 0, entries, weights) }
        shards.sort { $0.key < $1.key }
    }

    private struct Entry {
        var text: String
        var scalars: [Unicode.Scalar]
        var bytes: Int
    }

    /// `range`: the terms (in scalar order) that start with the same `depth` scalars, the key;
    /// `weights`: the running sum of the terms' bytes.
    private mutating func split(_ range: Range<Int>, depth: Int, _ entries: [Entry], _ weights: [Int]) {
        let total = weights[range.upperBound] - weights[range.lowerBound]
        let longer = range.contains { entries[$0].scalars.count > depth }
        guard total > target, depth < Self.longestKey, longer else {
            emit(range, depth: depth, entries)
            return
        }
        var start = range.lowerBound
        if entries[start].scalars.count == depth {
            emit(start..<start + 1, depth: depth, entries)
            start += 1
        }
        while start < range.upperBound {
            let scalar = entries[start].scalars[depth]
            var end = start + 1
            while end < range.upperBound, entries[end].scalars[depth] == scalar { end += 1 }
            split(start..<end, depth: depth + 1, entries, weights)
            start = end
        }
    }

    private mutating func emit(_ range: Range<Int>, depth: Int, _ entries: [Entry]) {
        let key = String(String.UnicodeScalarView(entries[range.lowerBound].scalars.prefix(depth)))
        shards.append((key, range.map { entries[$0].text }.sorted()))
    }

    /// Keys are folded, so mostly `[a-z0-9.]`; anything else (a space, a mark) is spelt in
    /// hexadecimal, and the root key of a small index is `_`.
    static func fileName(_ key: String) -> String {
        if key.isEmpty { return "_" }
        let plain = key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E }
        return plain ? key : "x" + key.utf8.map { String($0, radix: 16, uppercase: false).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
