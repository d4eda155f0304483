using System.Text.RegularExpressions;
using Operator.Controllers;

namespace Operator.Tests.Hosting;

/// <summary>
/// The invariants of the two Dockerfiles that a cluster relies on (no Docker engine here to build them): multi-stage,
/// a numeric non-root user, the ports, the version and commit stamped, no secret baked in, a small context.
/// </summary>
public sealed partial class ImageTests
{
    /// <summary>Each image: its ports, its runtime base image and its entry point (the operator is a native binary).</summary>
    public static TheoryData<string, int[], string, string> Images => new()
    {
        { "src/Operator/Dockerfile", [8081], "mcr.microsoft.com/dotnet/runtime-deps:", "[\"/app/Operator\"]" },
        { "src/ScimEndpoint/Dockerfile", [8080, 9090], "mcr.microsoft.com/dotnet/aspnet:", "[\"dotnet\", \"/app/ScimEndpoint.dll\"]" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_IsMultiStageNonRootAndStamped(string path, int[] ports, string runtimeBase, string entryPoint)
    {
        var lines = Instructions(File.ReadAllText(RepoFiles.Path(path.Split('/'))));

        var from = lines.Where(l => l.Keyword == "FROM").Select(l => l.Arguments).ToList();
        Assert.True(from.Count >= 2, $"{path}: not multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", from[0], StringComparison.Ordinal);
        Assert.StartsWith(runtimeBase, from[^1], StringComparison.Ordinal);

        // The last USER wins; Kubernetes' runAsNonRoot can only verify a numeric one.
        var user = lines.Last(l => l.Keyword == "USER").Arguments;
        Assert.Matches("^[1-9][0-9]*(:[1-9][0-9]*)?$", user);
        Assert.True(lines.FindLastIndex(l => l.Keyword == "USER") > lines.FindLastIndex(l => l.Keyword is "FROM" or "COPY" or "RUN"), $"{path}: USER must come after the last FROM/COPY/RUN");

        var exposed = lines.Where(l => l.Keyword == "EXPOSE").SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).Order().ToArray();
        Assert.Equal(ports, exposed);

        Assert.Contains(lines, l => l.Keyword == "ENV" && l.Arguments.Contains("DOTNET_EnableDiagnostics=0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Keyword == "ARG" && l.Arguments == "VERSION=0.1.0");
        Assert.Contains(lines, l => l.Keyword == "ARG" && l.Arguments.StartsWith("COMMIT", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Keyword == "RUN" && l.Arguments.Contains("-p:Version=${VERSION}", StringComparison.Ordinal) && l.Arguments.Contains("-p:SourceRevisionId=${COMMIT}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Keyword is "ENV" or "ARG" or "LABEL" && SecretName().IsMatch(l.Arguments));
        Assert.DoesNotContain(lines, l => l.Keyword is "ADD");
        Assert.Equal(entryPoint, lines.Last(l => l.Keyword == "ENTRYPOINT").Arguments);
    }

    [Fact]
    public void Dockerfiles_AgreeWithTheVersionAndTheOperatorsDefaultEndpointImage()
    {
        var version = Regex.Match(File.ReadAllText(RepoFiles.Path("Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

        Assert.Equal(OperatorSettings.DefaultEndpointImage, $"ghcr.io/scim-operator/scim-endpoint:{version}");
        Assert.Contains("$(IMAGE_REGISTRY)/scim-endpoint:$(VERSION)", File.ReadAllText(RepoFiles.Path("Makefile")), StringComparison.Ordinal);
        Assert.Contains("IMAGE_REGISTRY ?= ghcr.io/scim-operator", File.ReadAllText(RepoFiles.Path("Makefile")), StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_KeepsGitBuildOutputAndLocalStateOutOfTheContext()
    {
        var entries = File.ReadAllLines(RepoFiles.Path(".dockerignore")).Where(l => l.Length > 0 && l[0] != '#').ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { ".git/", "**/bin/", "**/obj/", ".sandbox/", "tests/" }, entries);
    }

    private static List<(string Keyword, string Arguments)> Instructions(string dockerfile)
    {
        var joined = Regex.Replace(dockerfile, "\\\\\\r?\\n", " ");
        return
        [
            .. joined.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && l[0] != '#')
                .Select(l => l.Split(' ', 2) is [var keyword, var rest] ? (keyword.ToUpperInvariant(), Regex.Replace(rest.Trim(), " +", " ")) : (l.ToUpperInvariant(), "")),
        ];
    }

    [GeneratedRegex("(?i)(secret|token|password|passwd|pat|apikey|api_key)\\s*=")]
    private static partial Regex SecretName();
}
