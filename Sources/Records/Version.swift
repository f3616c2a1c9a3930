/// tthc's version: `tthc --version`, and the User-Agent it names itself with.
public enum TTHCVersion {
    public static let current = "0.6.0"
}
