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
