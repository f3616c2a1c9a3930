/// Which shard file holds a term: the first two letters of its first syllable, or the first four
/// characters of a number or code (numbers share few leading digits). The page computes the same
/// key for each query word, so a query fetches only the shards of its own words. A pair lives with
/// its first syllable, so "ki kh…" as you type needs no other file.
enum ShardKey {
    static func of(_ term: String) -> String {
        var first = Substring(term)
        if first.hasPrefix(DocumentTerms.exactMark) { first = Substring(VietnameseFolding.fold(String(first.dropFirst()))) }
        if let space = first.firstIndex(of: " ") { first = first[..<space] }
        let isNumber = first.unicodeScalars.first.map { (0x30...0x39).contains($0.value) } ?? false
        return String(first.unicodeScalars.prefix(isNumber ? 4 : 2))
    }

    /// Keys are folded, so almost always `[a-z0-9.]`; anything else is spelt in hexadecimal.
    static func fileName(_ key: String) -> String {
        let plain = key.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E }
        return plain ? key : "x" + key.utf8.map { String($0, radix: 16) }.joined()
    }
}
