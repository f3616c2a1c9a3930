/// `%XX` for one byte, as web addresses write a byte they may not hold.
enum PercentEncoding {
    static func append(_ byte: UInt8, to out: inout [UInt8]) {
        out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }

    private static let digits = Array("0123456789ABCDEF".utf8)
}
