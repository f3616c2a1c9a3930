import Foundation

/// URL slugs and anchors from Vietnamese text: "Hộ tịch" → `ho-tich`, "Đất đai" → `dat-dai`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in fold(text).unicodeScalars {
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

    /// NFD, marks dropped, đ → d, lowercase (Foundation's diacritic folding leaves đ alone).
    public static func fold(_ text: String) -> String {
        let scalars = text.decomposedStringWithCanonicalMapping.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            if (0x0300...0x036F).contains(scalar.value) { return nil }
            if scalar == "đ" || scalar == "Đ" { return "d" }
            return scalar
        }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }
}
