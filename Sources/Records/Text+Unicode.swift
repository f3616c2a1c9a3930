import Foundation

extension String {
    /// NFC, skipping Foundation's slow normalizer when a byte scan shows no combining mark
    /// (U+0300–U+036F are encoded with lead bytes 0xCC and 0xCD; other decomposed forms do
    /// not occur in Vietnamese text).
    public var nfc: String {
        mayNeedNFC ? precomposedStringWithCanonicalMapping : self
    }

    /// True when the text might not be NFC; false means it certainly is.
    var mayNeedNFC: Bool {
        utf8.contains { $0 == 0xCC || $0 == 0xCD }
    }

    var isNFC: Bool {
        !mayNeedNFC || precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(unicodeScalars)
    }
}
