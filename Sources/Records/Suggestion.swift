import Foundation

/// "Did you mean …?": the likely intended value for a misspelt key, enum value or number.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    /// Compares folded forms, so "Hiệu lực" suggests `hieu_luc` and "linh vuc" suggests `linh_vuc`.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let folded = fold(word)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(folded, fold(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let tolerance = max(1, min(3, folded.count / 3))
        return best.distance <= tolerance ? best.candidate : nil
    }

    /// The national section a heading's text was most likely meant to be (misspelt, in capitals,
    /// with a colon…), nil when it is one exactly or resembles none.
    public static func nationalSection(resembling title: String) -> String? {
        guard !Schema.nationalSections.contains(title) else { return nil }
        var text = title.trimmingSpaces()
        while let last = text.last, ":.;".contains(last) { text.removeLast() }
        return closest(to: text, among: Schema.nationalSections)
    }

    /// Without the quotes around it that YAML kept as text (Word's “ ” ‘ ’, or a stray `"`).
    static func withoutQuotes(_ text: String) -> String {
        let quotes: Set<Character> = ["\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\"", "'"]
        var trimmed = Substring(text.trimmingSpaces())
        while let first = trimmed.first, quotes.contains(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, quotes.contains(last) { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Lowercase, without diacritics (đ → d), spaces and hyphens as underscores.
    static func fold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
            .folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
    }

    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// "50.000" and "50,000" are how Vietnamese write fifty thousand: suggest `50000`.
    static func integer(from text: String) -> String? {
        let digits = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "đồng", with: "").replacingOccurrences(of: "VND", with: "")
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), Int(digits) != nil else { return nil }
        return digits
    }

    /// "0,5" is a Vietnamese decimal: suggest `0.5`.
    static func decimal(from text: String) -> String? {
        let candidate = text.replacingOccurrences(of: ",", with: ".")
        return Double(candidate) != nil && candidate.allSatisfy(\.isASCII) ? candidate : nil
    }

    static func boolean(from text: String) -> String? {
        switch fold(text) {
        case "yes", "y", "on", "co", "dung": return "true"
        case "no", "n", "off", "khong", "sai": return "false"
        default: return nil
        }
    }

    /// " 1.001193", "1.001193-Xoa", "1001193" and "1,001193" all mean `1.001193`.
    static func procedureCode(from text: String) -> String? {
        var candidate = withoutQuotes(text)
        if let suffix = candidate.range(of: "-", options: .backwards) { candidate = String(candidate[..<suffix.lowerBound]) }
        candidate = candidate.replacingOccurrences(of: ",", with: ".")
        if candidate.count == 7, candidate.allSatisfy({ $0.isASCII && $0.isNumber }) {
            candidate.insert(".", at: candidate.index(after: candidate.startIndex))
        }
        return candidate != text && Syntax.isProcedureCode(candidate) ? candidate : nil
    }
}
