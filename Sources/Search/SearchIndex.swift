import Escaping
import Foundation
import Records

/// The files of the search index under `tim-kiem/` (SEARCH.md), written by `tthc build`:
///
/// - `chi-muc.json`: the manifest: document count, the primary tier's shard keys, the facets;
/// - `b.json`, `x.json`: the shard keys of the body and exact tiers;
/// - `t/`, `b/`, `x/<key>.json`: terms → posting lists, for the primary, body and exact tiers
///   (`DocumentTerms`), sharded by `ShardPlan`; the exact tier's lists have no scores;
/// - `tl/<n>.json`: what a result shows, in alphabetical order, `documentsPerFile` per file;
/// - `loc/<facet>.json`: the documents of each facet value.
///
/// Every file but the manifest is fetched with the manifest's version in its URL, so a rebuilt
/// site never mixes files of two builds in a browser's cache.
public struct SearchIndex {
    public static let folder = "tim-kiem"
    static let documentsPerFile = 8

    public private(set) var files: [(path: String, data: Data)] = []
    /// A hash of every file of the index.
    public private(set) var version = ""

    /// Every document's terms, merged per tier as documents are added (in document order, so
    /// every posting list comes out sorted); the documents' own term tables can then be dropped.
    public struct Postings {
        typealias Tier = [String: [(document: Int32, score: UInt8)]]
        /// The primary, body and exact tiers, each its own table: a term is hashed once, into its tier.
        var primary: Tier = [:], body: Tier = [:], exact: Tier = [:]

        public init() {}

        var tiers: [(folder: String, postings: Tier)] { [("t", primary), ("b", body), ("x", exact)] }

        public mutating func add(_ terms: DocumentTerms, document: Int) {
            let document = Int32(document)
            for (term, score) in terms.primary { primary[term, default: []].append((document, score)) }
            for (term, score) in terms.body { body[term, default: []].append((document, score)) }
            for (term, score) in terms.exact { exact[term, default: []].append((document, score)) }
        }
    }

    /// `terms[i]` is `DocumentTerms(documents[i])`.
    public init(documents: [SearchDocument], terms: [DocumentTerms], facets: [SearchFacet]) {
        var postings = Postings()
        for (document, table) in terms.enumerated() { postings.add(table, document: document) }
        self.init(documents: documents, postings: postings, facets: facets)
    }

    /// `documents` in the order results break ties in (alphabetical).
    public init(documents: [SearchDocument], postings: Postings, facets: [SearchFacet]) {
        var shards: [(path: String, data: Data)] = []
        var keys: [String: [String]] = [:]
        for (tier, table) in postings.tiers {
            // An exact spelling only breaks ties: its presence is enough, no score is written.
            let written = Self.shards(table, folder: tier, withScores: tier != "x")
            keys[tier] = written.keys
            shards += written.files
        }
        shards += Self.documentFiles(documents, facets: facets)
        shards += facets.map { facet in
            let lists = facet.values.indices.map { value in
                documents.indices.filter { documents[$0].facets[facet.key]?.contains(value) ?? false }
                    .map { (document: Int32($0), score: UInt8(0)) }
            }
            return ("loc/\(facet.key).json",
                    Self.json(.list(lists.map { .string(String(decoding: PostingCode.encode($0, withScores: false), as: UTF8.self)) })))
        }
        version = Self.hash(shards)
        let strings = { (items: [String]) in Value.list(items.map(Value.string)) }
        let manifest = Value.object([
            .init("f", .list(facets.map { facet in
                .object([.init("key", .string(facet.key)), .init("label", .string(facet.label)), .init("values", strings(facet.values))])
            })),
            .init("n", .integer(documents.count)),
            // The primary tier's keys come with the manifest; the others only when a query needs them.
            .init("t", strings(keys["t"] ?? [])),
            .init("tl", .integer(Self.documentsPerFile)),
            .init("v", .string(version)),
        ])
        shards += [("b.json", Self.json(strings(keys["b"] ?? []))), ("x.json", Self.json(strings(keys["x"] ?? [])))]
        files = ([("chi-muc.json", Self.json(manifest))] + shards)
            .map { (Self.folder + "/" + $0.path, $0.data) }
            .sorted { $0.path < $1.path }
    }

    /// One JSON object per shard, terms sorted.
    private static func shards(_ postings: [String: [(document: Int32, score: UInt8)]], folder: String,
                               withScores: Bool) -> (keys: [String], files: [(String, Data)]) {
        let encoded = postings.mapValues { PostingCode.encode($0, withScores: withScores) }
        var sizes: [String: Int] = [:]
        for (term, bytes) in encoded { sizes[term] = term.utf8.count + bytes.count + 6 }
        let plan = ShardPlan(terms: sizes)
        let files = plan.shards.map { shard -> (String, Data) in
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (position, term) in shard.terms.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                // Terms are word characters and spaces, posting codes printable ASCII without
                // quote or backslash: written through the string writer all the same.
                JSONText.write(term, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: "\""))
                out += encoded[term, default: []]
                out.append(UInt8(ascii: "\""))
            }
            out += Array("}\n".utf8)
            return ("\(folder)/\(ShardPlan.fileName(shard.key)).json", Data(out))
        }
        return (plan.shards.map(\.key), files)
    }

    /// `[code, name, 1 if abolished else 0, first value of each facet or -1]` per document.
    private static func documentFiles(_ documents: [SearchDocument], facets: [SearchFacet]) -> [(String, Data)] {
        stride(from: 0, to: documents.count, by: documentsPerFile).map { start in
            let slice = documents[start..<min(start + documentsPerFile, documents.count)]
            let rows: [Value] = slice.map { document in
                .list([.string(document.code), .string(document.name), .integer(document.abolished ? 1 : 0)]
                    + facets.map { .integer(document.facets[$0.key]?.first ?? -1) })
            }
            return ("tl/\(start / documentsPerFile).json", json(.list(rows)))
        }
    }

    /// Compact JSON and a line break, written by the one JSON writer (`Value`, `JSONText`).
    private static func json(_ value: Value) -> Data {
        Data(value.jsonBytes() + [UInt8(ascii: "\n")])
    }

    /// FNV-1a over paths and contents: a version that changes whenever any file does.
    private static func hash(_ files: [(path: String, data: Data)]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for file in files.sorted(by: { $0.path < $1.path }) {
            for byte in file.path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            file.data.withUnsafeBytes { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        return String(hash, radix: 36)
    }
}
