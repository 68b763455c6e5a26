/// The version of this NearDup release.
///
/// It is the one home of the version: `neardup --version` prints it, and the install scripts
/// (`scripts/install.sh`, `scripts/build-deb.sh`) ask the built binary for it.
public enum NearDupRelease {
    /// This release's version, `MAJOR.MINOR.PATCH` as Semantic Versioning 2.0.0 defines it.
    ///
    /// A release commit is tagged `v` followed by this string (`v0.2.0`); CI fails on a commit
    /// whose `v…` tag differs from it.
    public static let version = "0.2.0"
}
