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
    ///
    /// The same result as folding the whole text and splitting it on non-word scalars, in one
    /// pass: a 10,000-procedure site has some 200 MB of text, and Foundation's normalization of it
    /// took most of the index's build time. Vietnamese letters fold through a table; a word with
    /// any other letter takes the general path. The page's script splits on `[^\p{L}\p{N}]`,
    /// the same classes.
    public static func syllables(_ text: String) -> [String] {
        var words: [String] = []
        words.reserveCapacity(text.utf8.count / 5)
        eachSyllable(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// `syllables`, each handed over as its UTF-8 bytes (valid only during the call): counting a
    /// body's words needs no string per occurrence.
    static func eachSyllable(in text: String, _ visit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            // The folded word in a fixed buffer (no array to grow and check): a longer word, which
            // no Vietnamese syllable is, takes the general path.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { folded in
                var count = 0
                // Where the current word began, and whether it holds a letter the table does not fold.
                var wordStart = 0
                var general = false
                func finish(at end: Int) {
                    if general {
                        for var word in generalSyllables(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self)) {
                            word.withUTF8(visit)
                        }
                    } else if count > 0 {
                        // `iyNormalized` on the bytes: every word goes through here, and most are short ASCII.
                        if count >= 2, folded[count - 1] == UInt8(ascii: "y"), consonants[Int(folded[count - 2])] {
                            folded[count - 1] = UInt8(ascii: "i")
                        }
                        visit(UnsafeBufferPointer(rebasing: folded[0..<count]))
                    }
                    count = 0
                    general = false
                }
                func append(_ letter: UInt8) {
                    if count < folded.count {
                        folded[count] = letter
                        count += 1
                    } else {
                        general = true
                    }
                }
                var index = 0
                while index < bytes.count {
                    let start = index
                    let lead = bytes[index]
                    // The scalar at `index`, decoded by hand: the text is valid UTF-8 (a Swift string).
                    var value = UInt32(lead)
                    if lead < 0x80 {
                        index += 1
                    } else if lead < 0xE0 {
                        value = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                        index += 2
                    } else if lead < 0xF0 {
                        value = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                        index += 3
                    } else {
                        value = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
                            | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F)
                        index += 4
                    }
                    let isFirst = count == 0 && !general
                    switch value {
                    case 0x61...0x7A, 0x30...0x39: append(UInt8(value))
                    case 0x41...0x5A: append(UInt8(value + 0x20))
                    case 0..<0x80:
                        finish(at: start)
                        continue
                    case 0x0300...0x036F:
                        // A combining mark (text in NFD): dropped, as folding drops it.
                        break
                    default:
                        let scalar = Unicode.Scalar(value) ?? " "
                        if let letter = VietnameseFolding.foldedLetter(scalar) {
                            append(letter)
                        } else if isWordScalar(scalar) || scalar.properties.isGraphemeExtend {
                            general = true
                        } else {
                            finish(at: start)
                            continue
                        }
                    }
                    if isFirst { wordStart = start }
                }
                finish(at: bytes.count)
            }
        }
    }

    /// The consonants after which a final y is written i (`VietnameseFolding.iyNormalized`).
    private static let consonants: [Bool] = (0..<256).map { "bcdghklmnprstvx".utf8.contains(UInt8($0)) }

    /// The definition the fast path must agree with: fold, then split on non-word scalars.
    static func generalSyllables(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in VietnameseFolding.fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(VietnameseFolding.iyNormalized(String(word)))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(VietnameseFolding.iyNormalized(String(word))) }
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: return true
        case 0...0x7F: return false
        default:
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }
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
