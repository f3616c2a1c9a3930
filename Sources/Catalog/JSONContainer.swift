/// Where a JSON list or object ends, found by counting brackets outside strings, without parsing.
/// Sync uses it to skip a container nested too deep to parse (`ExportRepair`), fetch to tell a
/// body cut short in transfer from one that is whole but damaged (`PortalAnswer`): one scanner,
/// so both agree on what "closes" means (a `\` escapes the next byte inside a string).
public enum JSONContainer {
    /// The index after the list or object that opens at `start`, or nil when it never closes
    /// (the bytes stop inside it, or inside one of its strings).
    public static func end<Bytes: RandomAccessCollection>(ofContainerAt start: Bytes.Index, in bytes: Bytes) -> Bytes.Index?
    where Bytes.Element == UInt8 {
        var depth = 0
        var index = start
        var inString = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if inString {
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.endIndex else { return nil }
                    index = bytes.index(after: index)
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
