import HummingbirdBcrypt

/// Passwords as bcrypt hashes (hummingbird-auth's HummingbirdBcrypt, cost 12: about a quarter of a
/// second a try here, which is what makes guessing slow even before the throttle).
public enum Passwords {
    public static let cost: UInt8 = 12

    public static func hash(_ password: String, cost: UInt8 = cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        // bcrypt reads a C string: a NUL would end the password early, so it never matches.
        guard !password.utf8.contains(0), hash.hasPrefix("$2") else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// Why a new password is refused, or nil. bcrypt reads at most 72 bytes: a longer one would
    /// silently match any password that starts the same.
    public static func problem(_ password: String) -> String? {
        if password.utf8.count < 10 { return "Mật khẩu cần ít nhất 10 ký tự (password: at least 10 characters)." }
        if password.utf8.count > 72 { return "Mật khẩu dài quá 72 byte, bcrypt chỉ đọc 72 byte đầu (at most 72 bytes)." }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "Mật khẩu có ký tự điều khiển (a control character)."
        }
        return nil
    }
}
