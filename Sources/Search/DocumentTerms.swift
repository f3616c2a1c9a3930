import Foundation

/// The terms of one document with the weight each earns, ready to be merged into the index.
/// Built per document, so a site's documents can be tokenized in parallel.
///
/// Three tiers keep the first query small: `primary` holds every term found in the name, the code
/// or the keywords (scored with whatever the body adds), `body` the terms found only in the body,
/// `exact` the name's words with their marks. The page fetches body shards only when the primary
/// tier finds too little, and exact shards only for a query typed with marks.
public struct DocumentTerms: Sendable {
    public var primary: [String: UInt8] = [:]
    /// Listed, not hashed: they are only ever read in turn, to be merged into the index.
    public var body: [(term: String, score: UInt8)] = []
    public var exact: [String: UInt8] = [:]

    /// Weights of SEARCH.md's "Fields first": name > code > keywords > body.
    static let nameWeight = 10.0, codeWeight = 10.0, keywordWeight = 4.0, bodyWeight = 1.0
    /// Abolished procedures stay findable (their pages still stand) but below those in force.
    static let abolishedFactor = 0.3

    public init(_ document: SearchDocument) {
        let name = Tokenizer.syllables(document.name)
        // Short names first: "Đăng ký khai sinh" before "Đăng ký khai sinh có yếu tố nước ngoài".
        // Half the national names open with "Thủ tục", which says nothing: it is not counted.
        let length = name.starts(with: ["thu", "tuc"]) ? name.count - 2 : name.count
        let nameScore = Self.nameWeight / (1 + 0.04 * Double(max(0, length - 3)))
        var scores: [String: Double] = [:]
        for term in Set(name + Self.pairs(name)) { scores[term, default: 0] += nameScore }
        for word in Self.exactWords(document.name) { exact[word] = Self.quantize(nameScore * (document.abolished ? Self.abolishedFactor : 1)) }
        for code in Set(Tokenizer.codes(in: document.code)) { scores[code, default: 0] += Self.codeWeight }
        var keywordTerms: Set<String> = []
        for keyword in document.keywords {
            let words = Tokenizer.syllables(keyword)
            keywordTerms.formUnion(words + Self.pairs(words))
        }
        for term in keywordTerms { scores[term, default: 0] += Self.keywordWeight }

        // Body syllables only: pairs of a 20 KB body would multiply the index for little gain,
        // since phrases decide the ranking in names.
        var frequency = SyllableCounts()
        Tokenizer.eachSyllable(in: document.body) { frequency.add($0) }
        let factor = document.abolished ? Self.abolishedFactor : 1
        body.reserveCapacity(frequency.distinct)
        frequency.forEach { term, count in
            let weight = Self.bodyWeight * (0.4 + 0.6 * Double(min(count, 5)) / 5)
            if let score = scores[term] {
                scores[term] = score + weight
            } else {
                body.append((term, Self.quantize(weight * factor)))
            }
        }
        for (term, score) in scores { primary[term] = Self.quantize(score * factor) }
    }

    static func pairs(_ words: [String]) -> [String] {
        words.indices.dropLast().map { words[$0] + " " + words[$0 + 1] }
    }

    /// The name's words with their marks, only those that have marks (a query typed without
    /// marks has nothing to prefer).
    static func exactWords(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var word = String.UnicodeScalarView()
        func finish() {
            let text = String(word)
            if !word.isEmpty, let exact = ExactSpellings.shared.exact(text) { words.insert(exact) }
            word = String.UnicodeScalarView()
        }
        // Names are NFC already but for a pasted exception: Foundation's normalizer only then.
        let text = text.utf8.contains(where: { $0 & 0xFE == 0xCC }) ? text.precomposedStringWithCanonicalMapping : text
        for scalar in text.unicodeScalars {
            if Tokenizer.isWordScalar(scalar) || (0x0300...0x036F).contains(scalar.value) { word.append(scalar) } else { finish() }
        }
        finish()
        return words
    }

    /// One character per posting: a quarter point of score, 1…63.
    static func quantize(_ score: Double) -> UInt8 {
        UInt8(max(1, min(63, (score * 4).rounded())))
    }
}

/// The exact spelling of each word with marks, remembered: a site's names repeat a few thousand
/// syllables, and working one out (normalizing it three ways) took a third of the indexing.
final class ExactSpellings: @unchecked Sendable {
    static let shared = ExactSpellings()
    private var known: [String: String?] = [:]
    private let lock = NSLock()

    /// nil for a word without marks (it has no spelling of its own to match).
    func exact(_ word: String) -> String? {
        lock.lock()
        let remembered = known[word]
        lock.unlock()
        if let remembered { return remembered }
        let exact = VietnameseFolding.fold(word) != word.lowercased() ? VietnameseFolding.exact(word) : nil
        lock.lock()
        known[word] = .some(exact)
        lock.unlock()
        return exact
    }
}
