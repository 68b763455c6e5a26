import Testing

@testable import NearDup
@testable import NearDupFeeds
@testable import NearDupFormats

/// ``JSONRecordParser`` on its own: exact values, exact messages, and the chosen behaviours.
@Suite struct JSONRecordParserTests {
    static func parse(_ line: String, fields: [String] = ["id"]) -> JSONParseOutcome {
        JSONParseOutcome.of(Array(line.utf8), fields: fields)
    }

    static func value(_ line: String) -> JSONFieldValue? {
        guard case .values(let values) = parse(line) else { return nil }
        return values[0]
    }

    @Test func readsWantedFieldsAndSkipsTheRest() {
        let line = #"{"skip": {"a": [1, "x", {"b": null}]}, "text": "body", "id": 7, "n": -1.5e3, "t": true}"#
        guard case .values(let values) = Self.parse(line, fields: ["id", "text", "n", "t", "skip", "absent"]) else {
            Issue.record("rejected")
            return
        }
        #expect(values == [.integer("7"), .string("body"), .number(-1500), .bool(true), .container, nil])
    }

    @Test func decodesEveryEscape() {
        #expect(Self.value(#"{"id":"a\"b\\c\/d\be\ff\ng\rh\ti"}"#) == .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"))
        #expect(Self.value(#"{"id":"\u0041\u00e9\u20AC\uD83D\uDE00\u0000"}"#) == .string("Aé€😀\u{0}"))
        #expect(Self.value(#"{"id":"\ud800\udc00\udbff\udfff"}"#) == .string("\u{10000}\u{10FFFF}"))
        #expect(Self.value("{\"id\":\"caf\u{E9} \u{1F4F0} \u{7F}\"}") == .string("caf\u{E9} \u{1F4F0} \u{7F}"))
        let long = String(repeating: "plain text, ", count: 50)
        #expect(Self.value(#"{"id":"\#(long)\n\#(long)"}"#) == .string(long + "\n" + long))
    }

    @Test(arguments: [
        ("-0", JSONFieldValue.integer("0")), ("0", .integer("0")), ("-7", .integer("-7")),
        ("9223372036854775807", .integer("9223372036854775807")),
        ("12345678901234567890", .integer("12345678901234567890")),
        ("18446744073709551615", .integer("18446744073709551615")),
        ("18446744073709551616", .number(18_446_744_073_709_551_616)),
        ("-9223372036854775808", .integer("-9223372036854775808")),
        ("-9223372036854775809", .number(-0x1p63)),
        ("123456789012345678901234567890", .number(1.2345678901234568e29)),
        ("1e2", .number(100)), ("1E+2", .number(100)), ("1.0", .number(1)), ("-0.0", .number(-0.0)),
        ("2.5e-3", .number(0.0025)), ("1e-400", .number(0)),
        ("1.7976931348623158e308", .number(.greatestFiniteMagnitude)),
    ])
    func numbersAreIntegersOrDoubles(literal: String, expected: JSONFieldValue) throws {
        let value = try #require(Self.value(#"{"id": \#(literal)}"#))
        #expect(value == expected)
        if case .number(let parsed) = value, case .number(let wanted) = expected {
            #expect(parsed.sign == wanted.sign)
        }
    }

    @Test(arguments: [
        ("{\"id\": 1x}", "unexpected character 'x' at column 9 (expected ',' or '}')"),
        ("{\"id\": \"abc", "unterminated string starting at column 8"),
        ("{\"id\": \"a\tb\"}", "unescaped control character U+0009 in string at column 10"),
        (#"{"id": "\x"}"#, "invalid escape: backslash followed by 'x' at column 9"),
        (#"{"id": "\u12g4"}"#, #"invalid \u escape at column 9 (expected four hexadecimal digits)"#),
        (#"{"id": "\ud83d"}"#, #"unpaired UTF-16 surrogate \uD83D at column 9"#),
        (#"{"id": "\udc00"}"#, #"unpaired UTF-16 surrogate \uDC00 at column 9"#),
        (#"{"id": 01}"#, "number with a leading zero at column 8"),
        (#"{"id": -}"#, "unexpected character '}' at column 9 (expected a digit)"),
        (#"{"id": 1.}"#, "unexpected character '}' at column 10 (expected a digit)"),
        (#"{"id": 1e400}"#, "number 1e400 at column 8 is too large"),
        (#"{"id": 1, }"#, "trailing comma at column 9"),
        (#"{"id": [1,]}"#, "trailing comma at column 10"),
        (#"{"id": tru}"#, "unexpected character '}' at column 11 (expected 'true')"),
        (#"{"id": nul"#, "unexpected end of line (expected 'null')"),
        (#"{"id" 1}"#, "unexpected character '1' at column 7 (expected ':')"),
        (#"{id: 1}"#, "unexpected character 'i' at column 2 (expected a string key)"),
        (#"{"id": }"#, "unexpected character '}' at column 8 (expected a value)"),
        (#"{"id": 1"#, "unexpected end of line (expected ',' or '}')"),
        (#"{"id": [1 2]}"#, "unexpected character '2' at column 11 (expected ',' or ']')"),
        (#"{"id": 1} x"#, "unexpected character 'x' at column 11 after the JSON value"),
        ("{\"id\": \u{E9}}", "unexpected character U+00E9 at column 8 (expected a value)"),
        ("", "unexpected end of line (expected a value)"),
        ("\u{0B}{}", "unexpected character U+000B at column 1 (expected a value)"),
    ])
    func errorsExplainWhatAndWhere(line: String, explanation: String) {
        #expect(Self.parse(line).explanation == explanation)
    }

    @Test func longNumbersAreShortenedInMessages() {
        let huge = "1" + String(repeating: "0", count: 400)
        #expect(
            Self.parse(#"{"id": \#(huge)}"#).explanation == "number 10000000000000000000... at column 8 is too large")
    }

    @Test func nestingIsLimitedTo512Levels() {
        #expect(Self.value(JSONEdgeCases.deepArrays(512)) == .container)
        #expect(
            Self.parse(JSONEdgeCases.deepArrays(513)).explanation
                == "arrays and objects nested more than 512 deep at column 518")
        // Far deeper input fails at the limit instead of exhausting the stack.
        #expect(
            Self.parse(String(repeating: "[", count: 1_000_000)).explanation?.hasPrefix("arrays and objects") == true)
    }

    @Test func theLastOfDuplicateKeysWins() {
        #expect(Self.value(#"{"id": "x", "id": "y"}"#) == .string("y"))
        #expect(Self.value(#"{"id": "x", "text": "t", "id": 5}"#) == .integer("5"))
        #expect(Self.value(#"{"i\u0064": "escaped", "id": "plain", "\u0069d": "last"}"#) == .string("last"))
    }

    @Test func keysAreComparedByCanonicalEquivalence() {
        // U+00E9 and e + U+0301 are the same Swift string, as they were as dictionary keys.
        let line = #"{"\u00e9": 1, "e\u0301": 2, "K": 3}"#
        guard case .values(let values) = Self.parse(line, fields: ["\u{E9}", "e\u{301}", "\u{212A}"]) else {
            Issue.record("rejected")
            return
        }
        #expect(values == [.integer("2"), .integer("2"), .integer("3")])
    }

    @Test func aFieldAskedTwiceGetsTheValueTwice() {
        guard case .values(let values) = Self.parse(#"{"id": "x"}"#, fields: ["id", "id"]) else {
            Issue.record("rejected")
            return
        }
        #expect(values == [.string("x"), .string("x")])
    }

    @Test func valuesThatAreNotObjectsAreReportedAsSuch() {
        for line in [#""text""#, "42", "null", "true", "[]", #"[{"id": 1}]"#, " 7 "] {
            guard case .notAnObject = Self.parse(line) else {
                Issue.record("\(line): \(Self.parse(line))")
                continue
            }
        }
        // Only well-formed JSON can be "not an object".
        #expect(Self.parse("[1, 2] x").explanation != nil)
        #expect(Self.parse("[1,").explanation == "unexpected end of line (expected a value)")
    }

    @Test func aLeadingByteOrderMarkAndSurroundingWhitespaceAreIgnored() {
        #expect(Self.value("\u{FEFF} \t{\"id\": 1}\r ") == .integer("1"))
        #expect(
            Self.parse("{\"id\": 1}\u{FEFF}").explanation
                == "unexpected character U+FEFF at column 10 after the JSON value")
    }
}
