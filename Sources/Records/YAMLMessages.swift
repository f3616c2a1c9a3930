/// libyaml's messages, said so that someone who has never heard of YAML can fix the line. Every
/// message libyaml's scanner, parser and reader can give has its sentence here (the English goes
/// only to `--lang en`): a message not listed gets a plain sentence, never libyaml's own words.
enum YAMLMessages {
    static func vietnamese(_ problem: String) -> String {
        for (english, vietnamese) in known where problem.contains(english) {
            return vietnamese
        }
        return "YAML không đọc được dòng này"
    }

    static let tab = "dùng phím Tab để thụt lề; hãy thay bằng dấu cách"

    private static let quoteTheValue = "nếu đó là một phần của văn bản, hãy đặt cả giá trị trong dấu ngoặc kép"

    /// First match wins: longer, more particular messages come before shorter ones they contain.
    private static let known: [(String, String)] = [
        ("mapping values are not allowed", "có dấu hai chấm không đúng chỗ; nếu giá trị chứa \": \", hãy đặt cả giá trị trong dấu ngoặc kép"),
        ("mapping keys are not allowed", "có tên trường ở chỗ không được phép (thụt lề sai, hoặc dấu `?` ở đầu giá trị)"),
        ("block sequence entries are not allowed", "có mục danh sách `- ` ở chỗ không được phép: một trường đã có giá trị trên dòng của nó thì không có thêm danh sách bên dưới"),
        ("could not find expected ':'", "thiếu dấu hai chấm sau tên trường"),
        ("did not find expected key", "thụt lề không đúng: dòng này không thẳng hàng với các trường cùng khối"),
        ("did not find expected '-' indicator", "thụt lề không đúng: mục danh sách phải bắt đầu bằng \"- \" thẳng hàng với các mục khác"),
        ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông `[ ]` chưa được đóng, hoặc thiếu dấu phẩy giữa các mục"),
        ("did not find expected ',' or '}'", "khối trong ngoặc nhọn `{ }` chưa được đóng, hoặc thiếu dấu phẩy giữa các trường"),
        ("found a tab character", tab),
        ("found character that cannot start any token", "có ký tự không được đứng đầu giá trị (như @, ` hoặc Tab); hãy đặt giá trị trong dấu ngoặc kép"),
        ("found unexpected end of stream", "hết phần thông tin khi một giá trị chưa được đóng (thiếu dấu ngoặc kép đóng?)"),
        ("found unexpected document indicator", "có dòng `---` hoặc `...` nằm giữa một giá trị chưa được đóng"),
        ("found unexpected ':'", "có dấu hai chấm không đúng chỗ; " + quoteTheValue),
        ("did not find expected comment or line break", "sau giá trị còn chữ thừa trên cùng dòng (sau một giá trị trong ngoặc chỉ được có chú thích bắt đầu bằng #)"),
        ("found unknown escape character", "có dấu \\ không hợp lệ trong giá trị đặt trong ngoặc kép (muốn viết dấu \\ thì gõ \\\\)"),
        ("found invalid Unicode character escape code", "mã ký tự `\\u…` trong giá trị đặt trong ngoặc kép viết sai"),
        ("did not find expected hexdecimal number", "mã ký tự `\\x…` hoặc `\\u…` trong giá trị đặt trong ngoặc kép viết sai"),
        ("did not find expected node content", "thiếu giá trị hoặc có ký tự đặc biệt không đúng chỗ"),
        ("found undefined alias", "có tham chiếu YAML (*) tới một mốc (&) không tồn tại"),
        ("expected a single document", "phần thông tin đầu tệp có thêm một dòng `---` hoặc `...` ở giữa"),
        ("did not find expected <document start>", "phần thông tin đầu tệp có thêm một dòng `---` hoặc `...` ở giữa"),
        ("indentation indicator", "khối văn bản nhiều dòng viết sai: sau dấu `|` hoặc `>` chỉ được có `-` hoặc `+`, rồi xuống dòng"),
        ("did not find expected whitespace or line break", "khối văn bản nhiều dòng viết sai: sau dấu `|` hoặc `>` chỉ được có `-` hoặc `+`, rồi xuống dòng"),
        ("did not find expected alphabetic or numeric character", "có dấu `&` hoặc `*` ở đầu giá trị (mốc và tham chiếu của YAML); " + quoteTheValue),
        ("tag", "có dấu `!` ở đầu giá trị (thẻ kiểu của YAML); " + quoteTheValue),
        ("'!'", "có dấu `!` ở đầu giá trị (thẻ kiểu của YAML); " + quoteTheValue),
        ("URI", "có dấu `!` ở đầu giá trị (thẻ kiểu của YAML); " + quoteTheValue),
        ("the expected '>'", "có dấu `!<` ở đầu giá trị (thẻ kiểu của YAML); " + quoteTheValue),
        ("directive", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("digit or '.'", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("did not find expected whitespace", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("version number", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("incompatible YAML document", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("non-alphabetical character", "có dòng bắt đầu bằng `%` (chỉ thị của YAML); " + quoteTheValue),
        ("control characters are not allowed", "có ký tự điều khiển vô hình (thường do dán từ Word hoặc PDF); hãy gõ lại đoạn văn bản quanh vị trí này"),
        ("invalid Unicode character", "có ký tự điều khiển vô hình (thường do dán từ Word hoặc PDF); hãy gõ lại đoạn văn bản quanh vị trí này"),
        ("UTF-8", "có byte không phải văn bản UTF-8"),
        ("UTF-16", "có byte không phải văn bản UTF-8"),
        ("surrogate", "có byte không phải văn bản UTF-8"),
        ("input is too long", "phần thông tin đầu tệp quá dài"),
        ("input error", "không đọc được phần thông tin đầu tệp"),
        ("<stream-start>", "không đọc được phần thông tin đầu tệp từ dòng đầu tiên"),
        ("out of memory", "không đủ bộ nhớ để đọc phần thông tin này"),
    ]
}
