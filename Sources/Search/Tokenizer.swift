/// The words a text is indexed under and a query is looked up by (SEARCH.md): folded syllables,
/// adjacent syllable pairs (so "khai sinh" outranks a page with "khai" and "sinh" apart), and
/// procedure codes in every spelling a citizen types ("1.001193", "1001193", "001193").
public enum Tokenizer {
    public struct Token: Hashable, Sendable, Comparable {
        public enum Kind: Int, Sendable { case syllable, pair, code }
        public var text: String
        public var kind: Kind

        public init(text: String, kind: Kind) {
            self.text = text
            self.kind = kind
        }

        public static func < (lhs: Token, rhs: Token) -> Bool { (lhs.kind.rawValue, lhs.text) < (rhs.kind.rawValue, rhs.text) }
    }

    /// Folded syllables in order, with i/y spellings made one ("ký" and "kí" → "ki").
    public static func syllables(_ text: String) -> [String] {
        VietnameseFolding.fold(text)
            .split { !($0.isLetter || $0.isNumber) }
            .map { VietnameseFolding.iyNormalized(String($0)) }
    }

    public static func tokens(_ text: String) -> [Token] {
        let words = syllables(text)
        var tokens = words.map { Token(text: $0, kind: .syllable) }
        for index in words.indices.dropLast() {
            tokens.append(Token(text: words[index] + " " + words[index + 1], kind: .pair))
        }
        tokens += codes(in: text).map { Token(text: $0, kind: .code) }
        return tokens
    }

    /// Every spelling of each procedure code in the text: "1.001193" gives "1.001193",
    /// "1001193" and "001193".
    public static func codes(in text: String) -> [String] {
        var found: [String] = []
        let characters = Array(text)
        var index = 0
        while index + 8 <= characters.count {
            let window = String(characters[index..<(index + 8)])
            let before = index > 0 ? characters[index - 1] : " "
            let after = index + 8 < characters.count ? characters[index + 8] : " "
            if isCode(window), !before.isNumber, !after.isNumber {
                let digits = window.replacingOccurrences(of: ".", with: "")
                found += [window, digits, String(digits.dropFirst())]
                index += 8
            } else {
                index += 1
            }
        }
        return found
    }

    private static func isCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 8 && bytes[1] == UInt8(ascii: ".")
            && bytes.enumerated().allSatisfy { $0.offset == 1 || (0x30...0x39).contains($0.element) }
    }
}
