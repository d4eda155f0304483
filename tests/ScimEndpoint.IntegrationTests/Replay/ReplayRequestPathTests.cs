using System.Text.Json.Nodes;
using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Replay;

public sealed class ReplayRequestPathTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["userId"] = "2819c223-7f76-453a-919d-413861904646",
        ["randomGuid"] = "9c2e0a4f-0000-4000-8000-000000000001",
        ["odd"] = "a b&c",
    };

    [Fact]
    public void Build_PathEncoded_KeepsPlusAndPercentEscapesVerbatim()
    {
        var step = Step("/Users?filter=userName eq \"x@y.com\"", "/Users?filter=userName+eq+%22x%40y.com%22");

        Assert.Equal("/Users?filter=userName+eq+%22x%40y.com%22", ReplayRequestPath.Build(step, Values, false));
    }

    [Fact]
    public void Build_PathEncodedWithPlaceholder_SubstitutesEscapedValue()
    {
        var step = Step("unused", "/Users?filter=userName+eq+%22{{randomGuid}}%22&x={{odd}}");

        Assert.Equal(
            "/Users?filter=userName+eq+%229c2e0a4f-0000-4000-8000-000000000001%22&x=a%20b%26c",
            ReplayRequestPath.Build(step, Values, false));
    }

    [Fact]
    public void Build_ReadablePath_EscapesSegmentsAndQueryValues()
    {
        var step = Step("/Groups?excludedAttributes=members&filter=displayName eq \"a b\"", null);

        Assert.Equal(
            "/Groups?excludedAttributes=members&filter=displayName%20eq%20%22a%20b%22",
            ReplayRequestPath.Build(step, Values, false));
    }

    [Theory]
    [InlineData("/Users/{{userId}}", "/Users/2819c223-7f76-453a-919d-413861904646?aadOptscim062020")]
    [InlineData("/Groups/g?excludedAttributes=members", "/Groups/g?excludedAttributes=members&aadOptscim062020")]
    public void Build_WithFeatureFlag_AppendsFlagToQuery(string path, string expected)
    {
        Assert.Equal(expected, ReplayRequestPath.Build(Step(path, null), Values, true));
    }

    [Fact]
    public void Build_UncapturedPlaceholder_Throws()
    {
        Assert.Throws<ReplayException>(() => ReplayRequestPath.Build(Step("/Groups/{{groupId}}", null), Values, false));
    }

    [Fact]
    public void UriFor_EncodedQuery_IsNotCanonicalized()
    {
        var client = new ScimTestClient(new HttpClient(), new Uri("http://127.0.0.1:5000/scim/v2"));

        var uri = client.UriFor("/Users?filter=userName+eq+%22x%40y.com%22&aadOptscim062020");

        Assert.Equal("/scim/v2/Users?filter=userName+eq+%22x%40y.com%22&aadOptscim062020", uri.PathAndQuery);
    }

    [Fact]
    public void ApplyToJson_StringsInBody_AreSubstitutedWithoutTouchingOtherValues()
    {
        var body = JsonNode.Parse("""{"Operations":[{"op":"Add","value":[{"$ref":null,"value":"{{userId}}"}],"n":1}]}""");

        var result = Placeholders.Apply(body, Values);

        Assert.Equal(
            """{"Operations":[{"op":"Add","value":[{"$ref":null,"value":"2819c223-7f76-453a-919d-413861904646"}],"n":1}]}""",
            result!.ToJsonString());
        Assert.Contains("{{userId}}", body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReplayFile_Has36StepsInOrder()
    {
        var steps = ReplayScript.Load();

        Assert.Equal(Enumerable.Range(1, 36), steps.Select(step => step.Step));
    }

    private static ReplayStep Step(string path, string? encoded) =>
        new() { Name = "t", Method = "GET", Path = path, PathEncoded = encoded, ExpectStatus = 200 };
}
