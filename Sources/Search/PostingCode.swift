/// The compact text form of posting lists, decoded by the page's script. Sixty-four characters
/// that JSON and URLs carry as they are; a number is written base 32, most significant digit
/// first, every digit but the last taken from the upper half of the alphabet. Documents are
/// numbered in alphabetical order, so documents sharing a name's words sit close together and
/// most gaps take one character.
enum PostingCode {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = [UInt8(value & 31)]
        var rest = value >> 5
        while rest > 0 {
            digits.append(UInt8(32 + (rest & 31)))
            rest >>= 5
        }
        for digit in digits.reversed() { out.append(alphabet[Int(digit)]) }
    }

    /// Gap-coded document numbers, each followed by its score character when scores are given.
    static func encode(_ postings: [(document: Int32, score: UInt8)], withScores: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(postings.count * 2)
        var previous = -1
        for posting in postings {
            appendNumber(Int(posting.document) - previous - 1, to: &out)
            previous = Int(posting.document)
            if withScores { out.append(alphabet[Int(posting.score)]) }
        }
        return out
    }
}
