import Foundation

/// How search sees Vietnamese text (SEARCH.md): the same function folds the index at build time
/// and, ported line for line to the page's script, the query at search time.
public enum VietnameseFolding {
    /// NFC → NFD → combining marks dropped → đ/Đ → d → lowercase. "Đăng ký" → "dang ky".
    /// (Foundation's diacritic-insensitive folding leaves đ alone; so does the best-known static
    /// search tool.)
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x0110, 0x0111: out.append("d")
            case 0x41...0x5A: out.append(Unicode.Scalar(scalar.value + 0x20)!)
            default: out.append(scalar)
            }
        }
        return String(out).lowercased()
    }

    /// The folded ASCII letter of a precomposed Latin letter ("ế" → "e", "Đ" → "d"), or nil for
    /// any other scalar: `fold` for one letter, from a table computed once.
    static func foldedLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        let index = Int(scalar.value) - 0xC0
        guard index >= 0, index < letterTable.count else { return nil }
        let letter = letterTable[index]
        return letter == 0 ? nil : letter
    }

    private static let letterTable: [UInt8] = (0xC0...0x1EFF).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        let folded = fold(String(scalar)).unicodeScalars
        guard folded.count == 1, let only = folded.first, ("a"..."z").contains(only) else { return 0 }
        return UInt8(only.value)
    }

    /// The syllable with its tone mark where the new orthography puts it, so that old and new
    /// placements are one word: "hoà" and "hòa", "thuỷ" and "thủy", "khoẻ" and "khỏe".
    /// Lowercased; other marks (ă â ê ô ơ ư) are kept.
    public static func toned(_ syllable: String) -> String {
        let scalars = Array(syllable.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars)
        var letters: [(base: Unicode.Scalar, marks: [Unicode.Scalar])] = []
        var tone: Unicode.Scalar?
        for scalar in scalars {
            if toneMarks.contains(scalar) {
                tone = scalar
            } else if (0x0300...0x036F).contains(scalar.value), !letters.isEmpty {
                letters[letters.count - 1].marks.append(scalar)
            } else {
                letters.append((scalar, []))
            }
        }
        guard let tone else { return syllable.lowercased().precomposedStringWithCanonicalMapping }
        if let position = tonePosition(letters) { letters[position].marks.append(tone) }
        var out = String.UnicodeScalarView()
        for letter in letters {
            out.append(letter.base)
            out.append(contentsOf: letter.marks)
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// huyền, hỏi, ngã, sắc, nặng.
    static let toneMarks: Set<Unicode.Scalar> = ["\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]
    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]

    /// Where the tone goes, one fixed rule whichever way the text was written: on the last vowel
    /// with a modifier (ă â ê ô ơ ư; "trường" → ơ); otherwise on the only vowel; in a group of two,
    /// on the second when a consonant follows ("hoàng") or the group is "oa", "oe", "uy" (the
    /// newer placement, "hoà", "thuỷ"), else on the first ("hài", "múa"); in a group of three, on
    /// the middle one ("ngoài"). "qu" and "gi" before a vowel count as consonants.
    static func tonePosition(_ letters: [(base: Unicode.Scalar, marks: [Unicode.Scalar])]) -> Int? {
        var start = 0
        if letters.count > 2, vowels.contains(letters[2].base) {
            let first = letters[0].base, second = letters[1].base
            if (first == "q" && second == "u") || (first == "g" && second == "i") { start = 2 }
        }
        guard let first = (start..<letters.count).first(where: { vowels.contains(letters[$0].base) }) else { return nil }
        var last = first
        while last + 1 < letters.count, vowels.contains(letters[last + 1].base) { last += 1 }
        let group = Array(first...last)
        if let modified = group.last(where: { !letters[$0].marks.isEmpty }) { return modified }
        switch group.count {
        case 1:
            return first
        case 2:
            let pair = String(String.UnicodeScalarView([letters[first].base, letters[last].base]))
            let consonantFollows = last < letters.count - 1
            return consonantFollows || ["oa", "oe", "uy"].contains(pair) ? last : first
        default:
            return group[1]
        }
    }

    /// The word as typed with its marks, made independent of spelling habits only: tone where
    /// `toned` puts it and a final y after a consonant written i ("Ký" and "kí" → "kí"). A query
    /// typed with marks ranks documents with this same form first: "đường" before "dương".
    public static func exact(_ syllable: String) -> String {
        let toned = toned(syllable)
        let folded = fold(toned)
        guard iyNormalized(folded) != folded else { return toned }
        var scalars = Array(toned.decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let last = scalars.lastIndex(where: { !(0x0300...0x036F).contains($0.value) }), scalars[last] == "y" else { return toned }
        scalars[last] = "i"
        return String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping
    }

    /// "ký"/"kí", "lý"/"lí", "mỹ"/"mĩ": after a consonant, a final y is written i.
    public static func iyNormalized(_ folded: String) -> String {
        guard folded.count >= 2, folded.hasSuffix("y") else { return folded }
        let before = folded.dropLast().last ?? " "
        return "bcdghklmnprstvx".contains(before) ? String(folded.dropLast()) + "i" : folded
    }
}
