extension SourceText {
    /// The text of a file's bytes, or nil with the problem reported at the first byte that is not
    /// UTF-8 (its line and column on the file as it is on disk).
    static func reading(_ bytes: [UInt8], report: (Problem, Int, Int) -> Void) -> SourceText? {
        do {
            return try SourceText(bytes: bytes)
        } catch {
            if case .notUTF8(let offset) = error {
                let position = Record.position(ofByte: offset, in: bytes)
                report(.notUTF8(byteOffset: offset), position.line, position.column)
            }
            return nil
        }
    }
}
