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
}
