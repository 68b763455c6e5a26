/// Hand-written JSON lines at the edges of RFC 8259: escapes, surrogates, numbers, literals,
/// nesting, duplicate keys, top levels that are not objects, and broken lines of every kind.
enum JSONEdgeCases {
    static let escapes = [
        #"{"id":"a\"b\\c\/d\be\ff\ng\rh\ti"}"#,
        #"{"id":"\u0041\u00e9\u20AC\u20ac\uD83D\uDE00\ud83d\ude00"}"#,
        #"{"id":"\u0000 and \u001f"}"#,
        #"{"id":"\ud800\udc00\udbff\udfff"}"#,
        "{\"id\":\"raw \u{7F} \u{2028} \u{FEFF} caf\u{E9} \u{1F4F0}\"}",
        #"{"id":"\ud83d"}"#, #"{"id":"\udc00"}"#, #"{"id":"\ud83d\u0041"}"#, #"{"id":"\ud83dx"}"#,
        #"{"id":"\ud83d\ud83d"}"#, #"{"id":"\ud83d\n"}"#, #"{"id":"\ud83d\"#, #"{"id":"\ud83d\u"#,
        #"{"id":"\x"}"#, #"{"id":"\u12"}"#, #"{"id":"\u12g4"}"#, #"{"id":"\U0041"}"#, #"{"id":"\'"}"#,
        "{\"id\":\"tab\there\"}", "{\"id\":\"nul\u{0}\"}", "{\"id\":\"line\nfeed\"}",
    ]

    static let numbers = [
        "-0", "0", "-0.0", "0.0", "1e2", "1E+2", "1e-2", "1.0", "0e0", "-0e0", "2.5", "-5",
        "9223372036854775807", "9223372036854775808", "12345678901234567890", "18446744073709551615",
        "18446744073709551616", "-9223372036854775807", "-9223372036854775808", "-9223372036854775809",
        "100000000000000000000000", "123456789012345678901234567890.5", "1e400", "-1e400", "1E400",
        "1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "4.9e-324", "2e-324", "1e99999999999999999999", "1e-99999999999999999999",
        "0." + String(repeating: "0", count: 400) + "1e400", "1" + String(repeating: "0", count: 308),
        "1" + String(repeating: "0", count: 309), "-1" + String(repeating: "0", count: 400),
        "01", "-01", "00", "-", "-x", "1.", "1.x", ".5", "1e", "1e+", "1ex", "+1", "0x1", "1..2", "1e5.5",
    ].map { #"{"id":\#($0)}"# }

    static let literalsAndContainers = [
        #"{"id":true,"text":false,"source":null}"#, #"{"id":tru}"#, #"{"id":nul}"#, #"{"id":truex}"#,
        #"{"id":True}"#, #"{"id":[1,2,{"b":[]}],"text":{"a":{"b":[null,true,"s"]}}}"#,
        #"{"id":[1,]}"#, #"{"id":{"a":1,}}"#, #"{"id":1,}"#, "[1,]", "[,]", "[1,,2]", "{,}",
        #"{"id":1,,"text":2}"#, #"{"id" 1}"#, #"{"id":1 "text":2}"#, #"{1:2}"#, #"{'id':1}"#,
        #"{"id":{"b"}}"#, #"{"id":[1 2]}"#, #"{"id":[1}"#, #"{"id":{"a":1]}"#, #"{"id":1]"#,
        deepArrays(511), deepArrays(512), deepArrays(513), "[" + deepArrays(511) + "]",
        "[" + deepArrays(512) + "]", String(repeating: "[", count: 100_000),
    ]

    static let topLevelsAndDuplicates = [
        #""str""#, "42", "-1.5", "null", "true", "[]", "[1,2]", "{}", #"[1,2] x"#, #""a" "b""#, "1 2",
        #"{"id":1}}"#, #"{"id":1} {"text":2}"#, " \t{\"id\":1}\r \t", "\u{FEFF}{\"id\":1}", "{\"id\":1}\u{FEFF}",
        "\u{FEFF}\u{FEFF}{\"id\":1}", "", " ", "\t\r", "\u{0B}{\"id\":1}", "{\"id\":1}\u{0C}", "\u{A0}{\"id\":1}",
        #"{"id":"x","id":"y"}"#, #"{"id":"x","text":"t","id":5}"#, #"{"\u0069d":"escaped key"}"#,
        #"{"i\u0064":"a","id":"b","\u0069\u0064":"c"}"#, #"{"text":"caf\u00e9","tex\u0074":[1]}"#,
        #"{"id":"abc"#, #"{"id":"\"#, "{", #"{"id""#, #"{"id":"#, #"{"id":1"#, #"{"id":1,"#, #"{"id":["#,
        #"{"id":[1,"#, #"{"id":{"#, #"{"id":{"a""#, "x", "tru", "-", #""abc"#, "[1", "}", "]", ":",
    ]

    /// Every edge case.
    static let all = escapes + numbers + literalsAndContainers + topLevelsAndDuplicates

    /// An object whose `id` is `levels - 1` nested arrays, so `levels` containers in all.
    static func deepArrays(_ levels: Int) -> String {
        #"{"id":"# + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + "}"
    }
}
