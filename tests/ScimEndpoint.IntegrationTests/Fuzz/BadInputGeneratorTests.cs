using ScimEndpoint.IntegrationTests.Infrastructure;

namespace ScimEndpoint.IntegrationTests.Fuzz;

public sealed class BadInputGeneratorTests
{
    private static readonly FuzzTargets Targets = new("u-1", "u-2", "bjensen@example.com", "g-1", "Admins");

    [Fact]
    public void Generate_SameSeed_GivesSameCases()
    {
        var first = BadInputGenerator.Generate(7, 400, Targets).ToList();
        var second = BadInputGenerator.Generate(7, 400, Targets).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_OtherSeed_GivesOtherCases()
    {
        var first = BadInputGenerator.Generate(7, 100, Targets);
        var second = BadInputGenerator.Generate(8, 100, Targets);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generate_ThousandsOfCases_CoverEveryCategory()
    {
        var categories = BadInputGenerator.Generate(1, 4000, Targets).Select(c => c.Category).ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "filter-mutated", "filter-wrong-type", "filter-huge-value", "filter-deep-nesting", "filter-unknown-attribute",
                "patch-op-name", "patch-bad-path", "patch-wrong-value-type", "patch-null-value", "patch-missing-operations",
                "patch-too-many-operations", "patch-read-only", "patch-unknown-member", "patch-mutated-json",
                "body-wrong-type", "body-missing-name", "body-duplicate-name", "body-invalid-json", "body-not-object",
                "body-huge-string", "body-unknown-extension", "body-mutated-json", "query-parameters",
            },
            categories);
    }

    [Fact]
    public void Generate_EveryCase_IsASendableRequest()
    {
        var client = new ScimTestClient(new HttpClient(), new Uri("http://127.0.0.1:5000/scim/v2"));

        foreach (var fuzzCase in BadInputGenerator.Generate(3, 4000, Targets))
        {
            Assert.StartsWith("/", fuzzCase.Path, StringComparison.Ordinal);
            Assert.True(client.UriFor(fuzzCase.Path).IsAbsoluteUri, fuzzCase.ToString());
        }
    }
}
