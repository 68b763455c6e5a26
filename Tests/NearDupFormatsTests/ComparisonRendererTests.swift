import Testing

@testable import NearDupFormats

@Suite struct ComparisonRendererTests {
    @Test func sharedWordsAreMarkedInRuns() {
        let marked = ComparisonRenderer.markingSharedWords(
            of: "North Korea publicly confirmed on Monday that it sent troops.",
            with: "North Korea confirmed for the first time on Monday that it had sent soldiers.")
        #expect(marked == "[North Korea] publicly [confirmed on Monday that it sent] troops.")
    }

    @Test func punctuationAndCaseDoNotHideASharedWord() {
        #expect(ComparisonRenderer.markingSharedWords(of: "“Kursk,” he said", with: "kursk") == "[“Kursk,”] he said")
        #expect(ComparisonRenderer.markingSharedWords(of: "— and", with: "and —") == "— [and]")
    }
}
