import Foundation
import Testing

@testable import NearDup

/// Chinese, Japanese and Thai are written without spaces: their paragraphs must still have words,
/// be matched paragraph by paragraph, and count as content.
@Suite struct UnsegmentedScriptTests {
    static let paragraphs = [
        "据新华社报道，周一上午，国家统计局发布了最新一期的经济数据，显示今年前三个季度国内生产总值同比增长百分之五点二，消费和投资继续保持稳定回升的态势，就业形势总体稳定。",
        "分析人士指出，周一公布的数据表明，尽管外部环境依然复杂多变，但国内需求正在逐步恢复，制造业采购经理指数连续三个月位于扩张区间，服务业活动也明显加快。",
        "统计局新闻发言人在周一的发布会上表示，下一阶段将继续加大宏观政策调控力度，着力扩大有效需求，推动经济实现质的有效提升和量的合理增长，巩固经济回升向好态势。",
    ]

    static func documents() -> [Document] {
        let original = paragraphs.joined(separator: "\n")
        let edited = paragraphs.map { $0.replacingOccurrences(of: "周一", with: "周二") }.joined(separator: "\n")
        return [
            Document(id: "zh1", text: original), Document(id: "zh2", text: edited),
            Document(id: "zh3", text: original),
        ]
    }

    @Test func chineseCopyWithOneWordChangedPerParagraphIsMatchedByParagraph() throws {
        let report = try NearDupEngine().scan(Self.documents())
        #expect(report.summaries[0].contentWords > 150)
        let edited = try #require(report.links.first { Set([$0.source, $0.copy]) == [0, 1] })
        #expect(edited.matches.count == 3)
        #expect(edited.copyCoverage == 1)
        #expect(edited.relation == .duplicate)
    }

    @Test func exactChineseCopyIsCovered() throws {
        let report = try NearDupEngine().scan(Self.documents())
        let exact = try #require(report.links.first { Set([$0.source, $0.copy]) == [0, 2] })
        #expect(exact.copyCoverage > 0)
        #expect(exact.matches.count == 3)
    }

    @Test func characterShinglesCountChineseCharactersAsContent() throws {
        var options = NearDupOptions()
        options.shingle = .characters(5)
        let report = try NearDupEngine(options: options).scan(Self.documents())
        #expect(report.summaries[1].contentWords > 150)
        let edited = try #require(report.links.first { Set([$0.source, $0.copy]) == [0, 1] })
        #expect(edited.matches.count == 3)
    }
}
