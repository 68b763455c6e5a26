import Testing

@testable import NearDup

@Suite struct BoilerplateRulesTests {
    /// Classifies paragraphs (one per line) the way the engine does, through `DocumentPreparer`.
    static func reasons(_ paragraphs: [String]) -> [BoilerplateReason?] {
        reasons(ofText: paragraphs.joined(separator: "\n"))
    }

    static func reasons(ofText text: String) -> [BoilerplateReason?] {
        let layout = BandLayout(permutationCount: 8, rowsPerBand: 2)
        var preparer = DocumentPreparer(
            options: NearDupOptions(), layout: layout, hasher: MinHasher(permutationCount: 8))
        return preparer.prepare([Document(id: "d", text: text)], range: 0..<1).patternReasons
    }

    static let newsParagraph =
        "North Korea officially acknowledged on Monday that it has dispatched military forces to assist Russia "
        + "in its conflict with Ukraine, and officials said the treaty signed in April 2025 covers it."

    @Test func seedFooter() throws {
        let lines = Kernel.paragraphs(try Kernel.seed("000"), .lines)
        try #require(lines.last?.hasPrefix("The post North Korea officially confirms") == true)
        let reasons = Self.reasons(lines)
        #expect(reasons.last == .footer)
        #expect(reasons.dropLast().allSatisfy { $0 == nil })
    }

    @Test func seedByline() throws {
        let lines = Kernel.paragraphs(try Kernel.seed("001"), .lines)
        try #require(lines.last == "Arpan Rai28 April 2025 04:39")
        let reasons = Self.reasons(lines)
        #expect(reasons.last == .byline)
        #expect(reasons.dropLast().allSatisfy { $0 == nil })
    }

    @Test func seedCaptionAndReadMore() throws {
        let text = try Kernel.seed("002")
        let lines = Kernel.paragraphs(text, .lines)
        let reasons = Self.reasons(ofText: text)
        try #require(reasons.count == lines.count)
        let flagged = zip(lines, reasons).filter { $0.1 != nil }
        #expect(
            flagged.map(\.0) == [
                "Kim Jong Un and Vladimir PutinKCNA via REUTERS", "Read More", "Verified by MonsterInsights",
            ])
        #expect(flagged.map(\.1) == [.caption, .navigation, .navigation])
    }

    @Test func seedNavigationAndRepeats() throws {
        let text = try Kernel.seed("003")
        let lines = Kernel.paragraphs(text, .lines)
        let reasons = Self.reasons(ofText: text)
        try #require(reasons.count == 31)
        let expected: [(String, BoilerplateReason?)] = [
            ("Putin thanks North Korean troops for support", .repeated),
            ("Select Language", .navigation),
            ("English", .navigation),  // a short line after a list heading
            ("Down Icon", .navigation),
            ("Select Country", .navigation),
            ("Portugal", .navigation),
            ("Down Icon", .navigation),
            ("Putin thanks North Korean troops for support", .repeated),
            ("Putin thanks North Korean troops for support", .repeated),
            ("Follow our liveblog about the War in Ukraine here .", nil),
        ]
        for (index, (line, reason)) in expected.enumerated() {
            #expect(lines[index] == line)
            #expect(reasons[index] == reason, "\(line)")
        }
        #expect(Array(lines.suffix(5)) == ["observador", "observador", "Similar News", "All News", lines[30]])
        #expect(Array(reasons.suffix(5)) == [.repeated, .repeated, .navigation, .navigation, .navigation])
        #expect(reasons[10..<26].allSatisfy { $0 == nil })
    }

    @Test func seedTrendingList() throws {
        let text = try Kernel.seed("004")
        let lines = Kernel.paragraphs(text, .lines)
        let reasons = Self.reasons(ofText: text)
        let heading = try #require(lines.firstIndex(of: "Trending"))
        #expect(heading == 10)
        #expect(reasons[..<heading].allSatisfy { $0 == nil })
        #expect(reasons[heading...].allSatisfy { $0 == .navigation })
        #expect(lines[(heading + 1)...].allSatisfy { $0.hasPrefix("- ") })
    }

    @Test func listEndsAtTheFirstLongLineThatIsNoListItem() {
        let reasons = Self.reasons([
            "Trending", "\u{2022} One item", "Short line", Self.newsParagraph, "- Not a list now",
        ])
        #expect(reasons == [.navigation, .navigation, .navigation, nil, nil])
    }

    @Test func aNewsParagraphMentioningADateIsNoByline() {
        #expect(Kernel.normalized(Self.newsParagraph).wordCount >= 30)
        #expect(Self.reasons([Self.newsParagraph]) == [nil])
        // Short, with a month next to a year, but no time and no leading "by": not a byline either.
        #expect(Self.reasons(["The treaty was signed in April 2025 in Moscow."]) == [nil])
        #expect(Self.reasons(["By Arpan Rai, 28 April 2025"]) == [.byline])
    }

    @Test func readMoreInsideASentenceIsNoNavigation() {
        let reasons = Self.reasons([
            "Readers can read more about the treaty on the ministry website.", "Read more about it",
        ])
        #expect(reasons == [nil, nil])
    }

    @Test func repeatedLongParagraphIsNotRepeatedBoilerplate() {
        let twenty =
            "Pyongyang said its soldiers fought for justice and would be honoured with a monument in the capital city next year"
        #expect(Kernel.normalized(twenty).wordCount == 20)
        #expect(Self.reasons([twenty, Self.newsParagraph, twenty]) == [nil, nil, nil])
        let short = "Share on Facebook"
        #expect(Self.reasons([short, Self.newsParagraph, short]) == [.repeated, nil, .repeated])
        #expect(Self.reasons([short, Self.newsParagraph]) == [nil, nil])
    }

    @Test func captionNeedsACreditAtTheEnd() {
        #expect(Self.reasons(["Kim Jong Un in Pyongyang. AP Photo"]) == [.caption])
        #expect(Self.reasons(["Reuters reported the figures on Monday"]) == [nil])
    }

    /// The shape `eval/make_devset.py` (`site_template`) appends to a story.
    @Test func evalTemplateCreditRelatedAndTrending() {
        let reasons = Self.reasons([
            Self.newsParagraph,
            "(Reporting by Ana Silva; additional reporting by Tom Reed; Editing by Mark Heinrich)",
            "Related: Debian servers reach the public network",
            "Trending",
            "- Packages and their maintainers",
            "- The kernel is configured at boot",
        ])
        #expect(reasons == [nil, .credit, .navigation, .navigation, .navigation, .navigation])
    }

    @Test(arguments: [
        "(Writing by Jane Doe; Editing by Tom Reed)",
        "(Compiled by Jane Doe)",
        "(Additional reporting by Tom Reed)",
        "Reporting by Andrew Osborn in Moscow; Editing by Mark Heinrich",
        "Reporting and writing by Jane Doe; editing by Tom Reed",
        // 28 words: more than most rules look at.
        "(Reporting by Andrew Osborn and Guy Faulconbridge in Moscow, Pavel Polityuk in Kyiv; additional reporting "
            + "by Tom Reed in Washington; Writing by Jane Doe; Editing by Mark Heinrich)",
    ])
    func wireCreditLines(_ line: String) {
        #expect(Self.reasons([Self.newsParagraph, line]) == [nil, .credit])
    }

    @Test func creditWordsInContentAreNoCredit() {
        let long =
            "Reporting by the BBC showed that the ministry had ignored repeated warnings from its own inspectors "
            + "about the dams, and officials said on Monday that an inquiry would begin this month."
        #expect(Kernel.normalized(long).wordCount > 20)
        let lines = [
            long,
            "Reporting by the BBC prompted an inquiry.",  // one clause, no parenthesis
            "\u{201C}Editing by committee never works,\u{201D} the editor said.",
            "(Reporting by the BBC showed that the ministry had ignored repeated warnings from its inspectors)",
        ]
        #expect(Self.reasons(lines) == [nil, nil, nil, nil])
    }

    @Test(arguments: [
        "Related: Debian servers reach the public network",
        "See also \u{2013} Putin thanks North Korean troops for support",
        // 25 words: more than most rules look at.
        "Read more - North Korea confirms it sent troops to Russia after months of denials, and Seoul says thousands "
            + "more soldiers are now on their way",
        "Also read: Kim Jong Un visits the front",
        "Read also: Kim Jong Un visits the front",
        "More: Seoul says 3,000 more soldiers were sent",
        "TRENDING: Noem takes look at cross-border tunnel during El Paso visit",
    ])
    func labelledLinksAreNavigation(_ line: String) {
        #expect(Self.reasons([Self.newsParagraph, line]) == [nil, .navigation])
    }

    @Test func labelWordsInContentAreNoNavigation() {
        let lines = [
            "Related to the attack, officials said the suspects had crossed the border twice.",
            "Related to the attack: officials said the suspects had crossed the border twice.",
            "Latest-generation drones were seen near the border on Monday.",
            "\u{201C}Trending: that is all they care about,\u{201D} she said.",
            "Related: " + Self.newsParagraph,  // far more than a headline
        ]
        // One document each, so that the first two are no repeats of each other.
        for line in lines { #expect(Self.reasons([line]) == [nil], "\(line)") }
    }

    @Test func listItemsOfAHeadlineLengthAfterTrendingAreNavigation() {
        let item =
            "- White House officials say the president is confident that a million people will be deported "
            + "by the end of the year, a new report says"
        #expect(Kernel.normalized(item).wordCount == 25)
        #expect(Self.reasons(["Trending", item, item + " again"]) == [.navigation, .navigation, .navigation])
    }

    @Test func disabledBoilerplateFlagsNothing() throws {
        var options = NearDupOptions()
        options.boilerplate.isEnabled = false
        let layout = BandLayout(permutationCount: 8, rowsPerBand: 2)
        var preparer = DocumentPreparer(options: options, layout: layout, hasher: MinHasher(permutationCount: 8))
        let corpus = preparer.prepare([Document(id: "d", text: try Kernel.seed("003"))], range: 0..<1)
        #expect(corpus.patternReasons.count == 31)
        #expect(corpus.patternReasons.allSatisfy { $0 == nil })
    }
}
