namespace ScimEndpoint.IntegrationTests.Replay;

/// <summary>The outcome of one replayed step: passed when <see cref="Failures"/> is empty.</summary>
internal sealed record ReplayStepResult(int Step, string Name, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public override string ToString() => $"step {Step} {Name}: {string.Join("; ", Failures)}";
}
