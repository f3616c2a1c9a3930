@testable import Catalog
import Testing

/// The catalog's texts are cleaned (`CatalogText`) with a quick look first: a text that needs
/// nothing is given back as it is. The look must never pass a text the cleaning would change.
@Suite struct CatalogTextTests {
    /// Plain Vietnamese, and the white space a text may keep.
    static let plain = ["a", "Đăng ký", "ế", "ạ", "e\u{0301}", "\u{0301}", "“", "–", "…", "😀", "x", "\u{200B}", "\u{200E}",
                        " ", "  ", "\t", "\n", "\n\n"]
    /// Every other kind of character the cleaning treats apart.
    static let treated = [
        "\r\n", "\r", "\u{0B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200A}", "\u{202F}",
        "\u{205F}", "\u{3000}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{FEFF}",
    ] + [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFF, 0x10FFFE].map { String(Character(Unicode.Scalar($0)!)) }

    @Test func theQuickLookNeverPassesATextTheCleaningWouldChange() {
        var random = SplitMix(seed: 20261203)
        for round in 0..<20000 {
            let count = Int(random.next() % 8) + 1
            // Mostly plain: a text with one treated character, or none, is where the look must be exact.
            let text = (0..<count).map { _ in
                let pieces = random.next() % 8 == 0 ? Self.treated : Self.plain
                return pieces[Int(random.next() % UInt64(pieces.count))]
            }.joined()
            for oneLine in [false, true] {
                #expect(CatalogText.cleaned(text, oneLine: oneLine) == CatalogText.rebuilt(text, oneLine: oneLine),
                        "round \(round), one line \(oneLine): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test func aTextThatNeedsNothingIsGivenBackAsItIs() {
        let text = "Bước 1: Nộp hồ sơ tại Trung tâm.\n\nBước 2:\tnhận kết quả “đúng hạn” – 5 ngày…"
        #expect(CatalogText.cleaned(text, oneLine: false) == text)
        #expect(CatalogText.cleaned("Thủ tục đăng ký khai sinh", oneLine: true) == "Thủ tục đăng ký khai sinh")
        #expect(CatalogText.cleaned("Thủ tục  đăng ký\nkhai sinh ", oneLine: true) == "Thủ tục đăng ký khai sinh")
    }
}
