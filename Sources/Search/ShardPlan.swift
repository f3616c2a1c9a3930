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
        let entries = terms.map { (term: Array($0.key.unicodeScalars), bytes: $0.value) }
        split(entries[...], key: [])
        shards.sort { $0.key < $1.key }
    }

    private mutating func split(_ entries: ArraySlice<(term: [Unicode.Scalar], bytes: Int)>, key: [Unicode.Scalar]) {
        let total = entries.reduce(0) { $0 + $1.bytes }
        guard total > target, key.count < Self.longestKey, entries.contains(where: { $0.term.count > key.count }) else {
            emit(key, entries)
            return
        }
        let own = entries.filter { $0.term.count == key.count }
        if !own.isEmpty { emit(key, own[...]) }
        let children = Dictionary(grouping: entries.filter { $0.term.count > key.count }) { Array($0.term.prefix(key.count + 1)) }
        for (childKey, childEntries) in children { split(childEntries[...], key: childKey) }
    }

    private mutating func emit(_ key: [Unicode.Scalar], _ entries: ArraySlice<(term: [Unicode.Scalar], bytes: Int)>) {
        let terms = entries.map { String(String.UnicodeScalarView($0.term)) }.sorted()
        shards.append((String(String.UnicodeScalarView(key)), terms))
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
