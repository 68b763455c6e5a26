import ArgumentParser
import NearDup
import NearDupCLI
import NearDupTestSupport
import Testing

/// What an installed `neardup` offers besides its commands: `--version`, and the shell
/// completion scripts `scripts/install.sh` installs.
@Suite struct InstallTests {
    @Test func versionPrintsTheReleaseVersionOnStandardOutput() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.2.0\n")
        #expect(result.standardOutput == NearDupRelease.version + "\n")
        #expect(result.standardError.isEmpty)
    }

    @Test func versionIsSemanticVersioning() {
        #expect(NearDupRelease.version.wholeMatch(of: /(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)/) != nil)
    }

    @Test func misspeltVersionFlagIsAUsageError() throws {
        let result = try CommandRunner.run(["--verison"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Unknown option '--verison'"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test(arguments: [
        ("bash", "complete -o filenames -F _neardup neardup"), ("zsh", "#compdef neardup"),
        ("fish", "complete -c 'neardup'"),
    ])
    func completionScriptCompletesEverySubcommand(shell: String, registration: String) throws {
        let result = try CommandRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(registration))
        let names = Self.subcommandNames(of: NearDupCommand.self)
        #expect(names.contains("evict"))
        for name in names {
            #expect(result.standardOutput.contains(name), "\(shell): \(name)")
        }
    }

    @Test func completionScriptForAnUnknownShellIsAUsageError() throws {
        let result = try CommandRunner.run(["--generate-completion-script", "tcsh"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Can't generate completion scripts for 'tcsh'"))
        #expect(result.standardOutput.isEmpty)
    }

    /// The names of `command`'s subcommands, theirs, and so on.
    private static func subcommandNames(of command: any ParsableCommand.Type) -> [String] {
        command.configuration.subcommands.flatMap { subcommand in
            [subcommand._commandName] + subcommandNames(of: subcommand)
        }
    }
}
