/// The typography edit of syndication: switching between typographic and straight quotes and
/// dashes, and writing thousands with a space ("12,000" → "12 000"), as other CMSes do.
enum Typography {
    /// Rewrites `text` in the other quote style: typographic (“ ” ‘ ’ –) becomes straight (" ' -)
    /// when `straighten` is true; otherwise straight becomes typographic. In both directions a comma
    /// between digits becomes a space.
    static func convert(_ text: String, straighten: Bool) -> String {
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let previous = index > 0 ? scalars[index - 1] : " "
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            if scalar == ",", isDigit(previous), isDigit(next) {
                result.append(" ")
            } else if straighten {
                switch scalar {
                case "\u{201C}", "\u{201D}": result.append("\"")
                case "\u{2018}", "\u{2019}": result.append("'")
                case "\u{2013}": result.append("-")
                default: result.append(scalar)
                }
            } else {
                switch scalar {
                case "\"": result.append(previous == " " ? "\u{201C}" : "\u{201D}")
                case "'": result.append("\u{2019}")
                case "-" where previous == " " && next == " ": result.append("\u{2013}")
                default: result.append(scalar)
                }
            }
        }
        return String(result)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
