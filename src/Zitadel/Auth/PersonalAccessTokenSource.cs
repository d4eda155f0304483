namespace Zitadel.Auth;

/// <summary>A personal access token of a machine user, sent as a static bearer (§2.1).</summary>
internal sealed class PersonalAccessTokenSource(string token) : IZitadelTokenSource
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public bool Invalidate(string rejectedToken) => false;

    public override string ToString() => nameof(PersonalAccessTokenSource);
}
