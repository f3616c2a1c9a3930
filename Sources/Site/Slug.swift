import Foundation
import Search

/// URL slugs and anchors from Vietnamese text: "Hộ tịch" → `ho-tich`, "Đất đai" → `dat-dai`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in VietnameseFolding.fold(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "muc" : slug
    }

    /// At most `maxLength` characters, cut at a word: agencies' names run to 200.
    public static func make(_ text: String, maxLength: Int) -> String {
        let slug = make(text)
        guard slug.count > maxLength else { return slug }
        let cut = slug.prefix(maxLength)
        return String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
    }

    /// One slug each for things whose slugs may fold alike ("Hộ tịch" and "HỘ TỊCH"), in the order
    /// given: the first keeps its slug, the next get `-2`, `-3` …, never a slug that another thing
    /// has as its own. The same things in the same order always get the same slugs.
    public static func unique(_ slugs: [String]) -> [String] {
        var taken = Set(slugs), given: Set<String> = []
        return slugs.map { slug in
            if given.insert(slug).inserted { return slug }
            var suffix = 2
            while taken.contains("\(slug)-\(suffix)") { suffix += 1 }
            let unique = "\(slug)-\(suffix)"
            taken.insert(unique)
            given.insert(unique)
            return unique
        }
    }
}
