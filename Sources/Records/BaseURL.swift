/// Where a site is published (`base_url` in site.yml, `tthc build --base-url`, `tthc init
/// --base-url`): `http` or `https`, a host, an optional port and path, and nothing else. Every
/// page's canonical address, the feed, the sitemap and robots.txt are made from it, so a query, a
/// fragment, a quote or a line break here would be copied into all of them.
public enum BaseURL {
    public struct Defect: Error, Equatable, Sendable {
        /// What is wrong, to follow "… không dùng được:" / "… cannot be used:".
        public var reason: Localized
        /// The address corrected, when the fix is obvious (a query cut off, the scheme in lower case).
        public var suggestion: String?
    }

    /// What is wrong with `text` as a site's address; nil when nothing is.
    public static func defect(in text: String) -> Defect? {
        if text.isEmpty { return Defect(reason: Localized(vi: "đang để trống", en: "it is empty")) }
        if let scalar = text.unicodeScalars.first(where: isInvisible) {
            let trimmed = text.trimmingWhitespace()
            return Defect(reason: Localized(vi: "có dấu cách, xuống dòng hoặc ký tự điều khiển (U+\(hex(scalar)))",
                                            en: "it holds a space, a line break or a control character (U+\(hex(scalar)))"),
                          suggestion: trimmed != text && defect(in: trimmed) == nil ? trimmed : nil)
        }
        guard let schemeEnd = text.range(of: "://") else { return wrongScheme(text) }
        let scheme = text[..<schemeEnd.lowerBound]
        guard scheme == "https" || scheme == "http" else {
            let lowered = scheme.lowercased() + text[schemeEnd.lowerBound...]
            guard scheme.lowercased() == "https" || scheme.lowercased() == "http" else { return wrongScheme(text) }
            return Defect(reason: Localized(vi: "phần `\(scheme)://` phải viết chữ thường", en: "`\(scheme)://` must be in lower case"),
                          suggestion: defect(in: lowered) == nil ? lowered : nil)
        }
        let rest = text[schemeEnd.upperBound...]
        if let scalar = rest.unicodeScalars.first(where: { !$0.isASCII }) {
            return Defect(reason: Localized(
                vi: "có ký tự ngoài bảng chữ không dấu (`\(scalar)`): tên miền tiếng Việt viết ở dạng xn--…, đường dẫn viết không dấu",
                en: "it holds a character outside ASCII (`\(scalar)`): write an international domain as xn--…, a path without marks"))
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            let query = rest[cut] == "?"
            let shortened = String(text[..<cut])
            return Defect(reason: query ? Localized(vi: "có phần truy vấn `?…`", en: "it has a query `?…`")
                                        : Localized(vi: "có phần `#…`", en: "it has a fragment `#…`"),
                          suggestion: defect(in: shortened) == nil ? shortened : nil)
        }
        let authority = rest.prefix { $0 != "/" }
        if let problem = authorityDefect(authority) { return problem }
        let path = rest[authority.endIndex...]
        return pathDefect(path)
    }

    private static func wrongScheme(_ text: String) -> Defect {
        Defect(reason: Localized(vi: "phải bắt đầu bằng https:// (hoặc http://)", en: "it must start with https:// (or http://)"))
    }

    /// `host[:port]`, without user name or password.
    private static func authorityDefect(_ authority: Substring) -> Defect? {
        if authority.contains("@") {
            return Defect(reason: Localized(vi: "có tên đăng nhập hoặc mật khẩu (phần trước `@`); chỉ viết tên máy chủ",
                                            en: "it has a user name or password (before `@`); write the host only"))
        }
        var host = authority
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = authority[..<colon]
            let port = authority[authority.index(after: colon)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCIIDigit), let number = Int(port), (1...65535).contains(number) else {
                return Defect(reason: Localized(vi: "cổng `\(port)` không hợp lệ (một số từ 1 đến 65535)",
                                                en: "the port `\(port)` is not a number from 1 to 65535"))
            }
        }
        if host.isEmpty {
            return Defect(reason: Localized(vi: "thiếu tên máy chủ (tên miền) sau `://`", en: "the host (domain name) after `://` is missing"))
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            let inside = host.dropFirst().dropLast()
            if !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) { return nil }
        } else {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCIIDigit || $0.isASCIILetter || $0 == "-" }
            }
            if valid { return nil }
        }
        return Defect(reason: Localized(vi: "tên máy chủ `\(host)` không hợp lệ: chỉ gồm chữ không dấu, số, dấu gạch ngang và dấu chấm",
                                        en: "the host `\(host)` is not valid: letters, digits, hyphens and dots only"))
    }

    /// Characters a path holds as they are (RFC 3986's, without the quote), `%` before two hex digits.
    private static func pathDefect(_ path: Substring) -> Defect? {
        var characters = path[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == "%" {
                guard characters.prefix(2).count == 2, characters.prefix(2).allSatisfy(\.isHexDigit) else {
                    return Defect(reason: Localized(vi: "có dấu `%` không theo sau bởi hai chữ số hệ 16",
                                                    en: "a `%` is not followed by two hexadecimal digits"))
                }
                characters = characters.dropFirst(2)
                continue
            }
            guard character.isASCIILetter || character.isASCIIDigit || "-._~!$&()*+,;=:@/".contains(character) else {
                return Defect(reason: Localized(vi: "có ký tự `\(character)`, không dùng được trong địa chỉ trang",
                                                en: "it holds `\(character)`, which a site's address cannot"))
            }
        }
        return nil
    }

    /// Space separators, line breaks, controls and format characters (bidirectional controls too).
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetter: Bool { isASCII && isLetter }
}
