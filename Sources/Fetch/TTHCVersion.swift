/// tthc's version, as the User-Agent names it to the portal and `tthc --version` prints it.
public enum TTHCVersion {
    public static let current = "0.1.0"
    /// Where the portal's operators can see who is asking (an honest agent, never a browser's).
    public static let home = "https://github.com/tthc-vn/tthc"
    public static var userAgent: String { "tthc/\(current) (+\(home))" }
}
