import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê … with tones compared after letters
/// (ngang, huyền, hỏi, ngã, sắc, nặng), as Vietnamese dictionaries sort.
public struct VietnameseSortKey: Comparable, Sendable {
    var letters: [UInt32]
    var tones: [UInt8]
    var original: String

    public init(_ text: String) {
        original = text
        letters = []
        tones = []
        for character in text.lowercased() {
            guard let (letter, tone) = Self.weights(of: character) else { continue }
            letters.append(letter)
            tones.append(tone)
        }
    }

    /// A letter's place in the alphabet and its tone. Single scalars up to U+1EFF (every
    /// Vietnamese letter, precomposed) come from a table made once: decomposing each character
    /// of every name took most of the time it takes to plan a 10,000-procedure site.
    static func weights(of character: Character) -> (letter: UInt32, tone: UInt8)? {
        let scalars = character.unicodeScalars
        if let only = scalars.first, scalars.count == 1, Int(only.value) < table.count { return table[Int(only.value)] }
        return decomposedWeights(of: character)
    }

    private static let table: [(letter: UInt32, tone: UInt8)?] = (0...0x1EFF).map { value in
        Unicode.Scalar(value).flatMap { decomposedWeights(of: Character($0)) }
    }

    private static func decomposedWeights(of character: Character) -> (letter: UInt32, tone: UInt8)? {
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard let base = scalars.first else { return nil }
        var tone: UInt8 = 0
        var modifier: Unicode.Scalar?
        for mark in scalars.dropFirst() {
            if let index = toneMarks.firstIndex(of: mark) { tone = UInt8(index + 1) } else { modifier = mark }
        }
        return (weight(base: base, modifier: modifier), tone)
    }

    /// huyền, hỏi, ngã, sắc, nặng.
    static let toneMarks: [Unicode.Scalar] = ["\u{0300}", "\u{0309}", "\u{0303}", "\u{0301}", "\u{0323}"]

    static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]
    static let letterWeights: [String: UInt32] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt32(100 + $0)) })

    static func weight(base: Unicode.Scalar, modifier: Unicode.Scalar?) -> UInt32 {
        var letter = String(base)
        if let modifier { letter = (letter + String(modifier)).precomposedStringWithCanonicalMapping }
        if let weight = letterWeights[letter] { return weight }
        if base == " " { return 1 }
        if ("0"..."9").contains(base) { return 10 + base.value - 48 }
        if base.properties.isAlphabetic { return 1000 + base.value }
        return 2  // punctuation sorts just after a space
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.letters != rhs.letters { return lhs.letters.lexicographicallyPrecedes(rhs.letters) }
        if lhs.tones != rhs.tones { return lhs.tones.lexicographicallyPrecedes(rhs.tones) }
        return lhs.original < rhs.original
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.original == rhs.original }

    /// The letter a text is filed under in an A–Z list: "Đ" for "Đăng ký", "Â" for "Ấp".
    public static func initial(of text: String) -> String {
        guard let first = text.first(where: { $0.isLetter || $0.isNumber }) else { return "#" }
        if first.isNumber { return "0–9" }
        let scalars = Array(String(first).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars)
        var letter = String(scalars[0])
        if let modifier = scalars.dropFirst().first(where: { !toneMarks.contains($0) }) {
            letter = (letter + String(modifier)).precomposedStringWithCanonicalMapping
        }
        return letter.uppercased()
    }
}

/// Names as citizens look for them: "Thủ tục đăng ký khai sinh" is filed under Đ, not T.
public enum ProcedureTitle {
    public static func sortingName(_ name: String) -> String {
        for prefix in ["Thủ tục ", "thủ tục "] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            return rest.prefix(1).uppercased() + rest.dropFirst()
        }
        return name
    }
}
