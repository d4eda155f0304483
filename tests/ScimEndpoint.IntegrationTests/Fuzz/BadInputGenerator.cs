namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>
/// Generates bad requests by mutating valid ones, reproducibly: the same seed and targets give the same cases.
/// </summary>
internal static class BadInputGenerator
{
    public static IEnumerable<FuzzCase> Generate(int seed, int count, FuzzTargets targets)
    {
        var random = new Random(seed);
        var mutator = new StringMutator(random);
        var filters = new FilterCases(random, mutator, targets);
        var queries = new QueryCases(random, mutator, targets);
        var patches = new PatchCases(random, mutator, targets);
        var bodies = new ResourceBodyCases(random, mutator, targets);
        for (var i = 0; i < count; i++)
        {
            yield return (i % 4) switch
            {
                0 => filters.Next(),
                1 => patches.Next(),
                2 => bodies.Next(),
                _ => queries.Next(),
            };
        }
    }
}
