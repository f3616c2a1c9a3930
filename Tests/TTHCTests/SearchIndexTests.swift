import Foundation
@testable import Search
import Testing

/// The index `tthc build` writes for the search page, read back the way the page reads it.
@Suite struct SearchIndexTests {
    /// The page's decoder (tim-kiem.js `decode`), for reading posting lists back.
    static func decode(_ text: String, withScores: Bool = true) -> [(document: Int, score: Int)] {
        let digits = Dictionary(uniqueKeysWithValues: PostingCode.alphabet.enumerated().map { ($0.element, $0.offset) })
        var out: [(Int, Int)] = []
        var previous = -1
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first {
            var value = 0, digit = digits[first] ?? 0
            bytes = bytes.dropFirst()
            while digit >= 32, let next = bytes.first {
                value = value * 32 + digit - 32
                digit = digits[next] ?? 0
                bytes = bytes.dropFirst()
            }
            previous += 1 + value * 32 + digit
            var score = 0
            if withScores, let s = bytes.first { score = digits[s] ?? 0; bytes = bytes.dropFirst() }
            out.append((previous, score))
        }
        return out
    }

    struct Built {
        let files: [String: Data]
        func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: files["tim-kiem/" + path] ?? Data("null".utf8), options: .fragmentsAllowed) }
        /// Every term of a tier, across its shards.
        func terms(_ tier: String) throws -> [String: String] {
            var all: [String: String] = [:]
            for (path, data) in files where path.hasPrefix("tim-kiem/\(tier)/") {
                let shard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
                all.merge(shard) { a, _ in a }
            }
            return all
        }
        func postings(_ tier: String, _ term: String) throws -> [Int: Int] {
            Dictionary(uniqueKeysWithValues: decode(try terms(tier)[term] ?? "", withScores: tier != "x").map { ($0.document, $0.score) })
        }
    }

    func build(_ documents: [SearchDocument]) -> Built {
        let index = SearchIndex(documents: documents, terms: documents.map(DocumentTerms.init),
                                facets: [SearchFacet(key: "linh-vuc", label: "Lĩnh vực", values: ["Hộ tịch", "Y tế"])])
        return Built(files: Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0.data) }))
    }

    static let birth = SearchDocument(code: "1.001193", name: "Thủ tục đăng ký khai sinh", keywords: ["Hộ tịch"],
                                      body: "Giấy chứng sinh. Nộp tại Ủy ban nhân dân cấp xã; giữ vệ sinh nơi tiếp nhận.",
                                      abolished: false, facets: ["linh-vuc": [0]])
    static let hygiene = SearchDocument(code: "1.002000", name: "Cấp giấy chứng nhận vệ sinh an toàn thực phẩm", keywords: ["Y tế"],
                                        body: "Khai báo sinh hoạt. Đăng ký kinh doanh đường phố Dương Nội.",
                                        abolished: false, facets: ["linh-vuc": [1]])

    @Test func phrasesCodesAndFieldsArePlacedWhereThePageLooks() throws {
        let built = build([Self.birth, Self.hygiene])
        let birth = 0, hygiene = 1
        #expect(try built.postings("t", "khai sinh").keys.sorted() == [birth], "the phrase is in one name only")
        #expect(try built.postings("t", "sinh").keys.sorted() == [birth, hygiene])
        #expect(try built.postings("t", "ve sinh").keys.sorted() == [hygiene])
        for spelling in ["1.001193", "1001193", "001193"] {
            #expect(try built.postings("t", spelling).keys.sorted() == [birth], "code spelt \(spelling)")
        }
        // Name > keywords > body: "dang" is in the first name and only in the second body.
        let nameScore = try #require(try built.postings("t", "dang")[birth])
        let bodyScore = try #require(try built.postings("b", "dang")[hygiene])
        let keywordScore = try #require(try built.postings("t", "ho tich")[birth])
        #expect(nameScore > keywordScore && keywordScore > bodyScore, "\(nameScore) \(keywordScore) \(bodyScore)")
        #expect(try built.terms("b")["dang"] != nil && built.postings("b", "dang")[birth] == nil,
                "a term of the name is not repeated in the body tier")
        // Exact spellings keep marks, with the tone where the new orthography puts it.
        #expect(try built.postings("x", "đăng").keys.sorted() == [birth])
        #expect(try built.terms("x")["dương"] == nil, "exact spellings come from names only")
        #expect(try built.postings("x", "thực").keys.sorted() == [hygiene])
    }

    @Test func manifestResultRowsAndFacets() throws {
        let built = build([Self.birth, Self.hygiene])
        let manifest = try #require(try built.json("chi-muc.json") as? [String: Any])
        #expect(manifest["n"] as? Int == 2)
        #expect((manifest["t"] as? [String])?.isEmpty == false)
        let rows = try #require(try built.json("tl/0.json") as? [[Any]])
        #expect(rows.map { $0[0] as? String } == ["1.001193", "1.002000"])
        #expect(rows[0][1] as? String == "Thủ tục đăng ký khai sinh")
        #expect(rows.map { $0[3] as? Int } == [0, 1], "the first facet value of each document")
        let lists = try #require(try built.json("loc/linh-vuc.json") as? [String])
        #expect(lists.map { Self.decode($0, withScores: false).map(\.document) } == [[0], [1]])
    }

    @Test func theVersionFollowsTheContent() throws {
        var renamed = Self.birth
        renamed.name += " lưu động"
        let one = build([Self.birth, Self.hygiene]), two = build([renamed, Self.hygiene])
        let v1 = try #require(try one.json("chi-muc.json") as? [String: Any])["v"] as? String
        let v2 = try #require(try two.json("chi-muc.json") as? [String: Any])["v"] as? String
        #expect(v1 != nil && v1 != v2)
        #expect(build([Self.birth, Self.hygiene]).files == one.files, "the same documents give the same bytes")
    }

    @Test func abolishedProceduresRankBelowThoseInForce() throws {
        var abolished = Self.birth
        abolished.abolished = true
        abolished.code = "1.009999"
        let built = build([Self.birth, abolished])
        let scores = try built.postings("t", "khai sinh")
        #expect(try #require(scores[0]) > #require(scores[1]))
    }

    /// Every term is in exactly the shard the page computes, for whole words and for prefixes.
    @Test(arguments: [40, 400, 4000])
    func shardPlanPutsEveryTermWhereThePageLooks(target: Int) throws {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("content/thu-tuc/1.001193.md"), encoding: .utf8)
        let words = Tokenizer.syllables(text)
        var sizes: [String: Int] = [:]
        for term in words + DocumentTerms.pairs(words) { sizes[term, default: 6] += 2 }
        let plan = ShardPlan(terms: sizes, target: target)
        let keys = Set(plan.shards.map(\.key))
        var home: [String: String] = [:]
        for shard in plan.shards {
            for term in shard.terms {
                #expect(home[term] == nil, "\(term) is in two shards")
                home[term] = shard.key
            }
        }
        #expect(Set(home.keys) == Set(sizes.keys))
        func longestKey(_ term: String) -> String? {
            let scalars = Array(term.unicodeScalars)
            return (0...scalars.count).reversed().lazy.map { String(String.UnicodeScalarView(scalars.prefix($0))) }.first(where: keys.contains)
        }
        for (term, key) in home { #expect(longestKey(term) == key, "\(term)") }
        for prefix in ["d", "da", "dang k", "kh", "gi", "1"] {
            let looked = Set([longestKey(prefix)].compactMap { $0 } + keys.filter { $0.count > prefix.count && $0.hasPrefix(prefix) })
            for (term, key) in home where term.hasPrefix(prefix) {
                #expect(looked.contains(key), "prefix \(prefix) misses \(term)")
            }
        }
        if target == 40 { #expect(plan.shards.count > 20, "a small target splits down to syllables") }
    }

    /// The plan made by walking runs of sorted terms is the one made by grouping them by prefix
    /// (the reference below, the plan as it was first written): random sets of folded syllables,
    /// pairs, codes, marked and long words, at several targets.
    @Test func shardPlanIsTheOneGroupingByPrefixMakes() {
        var random = SplitMix(seed: 8_000)
        let pieces = ["d", "da", "dang", "ki", "khai", "sinh", "1.00", "0", "9", "đ", "ư", "ơ", " ", "a", "ab", "b", "z", "ạ", "x"]
        for round in 0..<300 {
            var sizes: [String: Int] = [:]
            let count = Int(random.next() % 400) + (round < 5 ? 0 : 1)
            for _ in 0..<count {
                let parts = Int(random.next() % (round % 10 == 0 ? 40 : 4)) + 1
                let term = (0..<parts).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                sizes[term] = Int(random.next() % 300) + 6
            }
            for target in [1, 40, 400, 8_000] {
                let plan = ShardPlan(terms: sizes, target: target).shards
                let reference = Self.groupedPlan(sizes, target: target)
                #expect(plan.map(\.key) == reference.map(\.key), "round \(round), target \(target)")
                #expect(plan.map(\.terms) == reference.map(\.terms), "round \(round), target \(target)")
            }
        }
    }

    /// The plan by grouping: a key's terms split by their next scalar while they weigh more than the target.
    static func groupedPlan(_ terms: [String: Int], target: Int) -> [(key: String, terms: [String])] {
        var shards: [(key: String, terms: [String])] = []
        func emit(_ key: [Unicode.Scalar], _ entries: [(term: [Unicode.Scalar], bytes: Int)]) {
            shards.append((String(String.UnicodeScalarView(key)), entries.map { String(String.UnicodeScalarView($0.term)) }.sorted()))
        }
        func split(_ entries: [(term: [Unicode.Scalar], bytes: Int)], key: [Unicode.Scalar]) {
            let total = entries.reduce(0) { $0 + $1.bytes }
            guard total > target, key.count < ShardPlan.longestKey, entries.contains(where: { $0.term.count > key.count }) else {
                emit(key, entries)
                return
            }
            let own = entries.filter { $0.term.count == key.count }
            if !own.isEmpty { emit(key, own) }
            let children = Dictionary(grouping: entries.filter { $0.term.count > key.count }) { Array($0.term.prefix(key.count + 1)) }
            for (childKey, childEntries) in children { split(childEntries, key: childKey) }
        }
        split(terms.map { (Array($0.key.unicodeScalars), $0.value) }, key: [])
        return shards.sorted { $0.key < $1.key }
    }

    @Test func shardFileNamesArePlainOrHexadecimal() {
        #expect(ShardPlan.fileName("dang") == "dang")
        #expect(ShardPlan.fileName("1.00") == "1.00")
        #expect(ShardPlan.fileName("") == "_")
        #expect(ShardPlan.fileName("dang k") == "x64616e67206b")
        #expect(ShardPlan.fileName("đ") == "xc491")
    }
}
