extension Double {
    /// The number as an `Int` when it is whole and an `Int` holds it exactly (below 10^15 every
    /// whole `Double` is exact); nil otherwise, so that `10^30` in a record stays a number
    /// instead of stopping the program.
    public var wholeNumber: Int? {
        rounded() == self && abs(self) < 1e15 ? Int(self) : nil
    }
}

extension Value {
    /// Whole numbers as integers (`so: 1`, as a reader would type them), the others as decimals.
    init(_ number: Double) {
        self = number.wholeNumber.map(Value.integer) ?? .number(number)
    }
}

extension Double {
    /// The number as the canonical writer writes it is a decimal the validator reads back
    /// (`0.5`, `15`): not an exponent (`1e-05`, `1e+16`), not `nan` or `inf`. A number sync
    /// takes from an export must pass this, or the record it writes would fail `tthc check`.
    public var isWrittenAsDecimal: Bool {
        isFinite && Syntax.isDecimal(Value.format(self))
    }

    /// `0.5`, `12`: a decimal as records write it, nothing Swift's parser also takes (`nan`,
    /// `inf`, `1e5`, `0x1p3`, spaces).
    public init?(decimalText text: String) {
        guard Syntax.isDecimal(text), let number = Double(text) else { return nil }
        self = number
    }
}
