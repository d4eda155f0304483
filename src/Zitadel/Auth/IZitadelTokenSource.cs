namespace Zitadel.Auth;

/// <summary>Supplies the bearer token for ZITADEL calls: a personal access token or a JWT-profile access token.</summary>
internal interface IZitadelTokenSource
{
    /// <summary>The current token; may exchange a new one first.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>ZITADEL rejected <paramref name="rejectedToken"/> with 401.</summary>
    /// <returns>True when the next <see cref="GetTokenAsync"/> can yield a different token, so one retry is
    /// worthwhile; false for a static token.</returns>
    bool Invalidate(string rejectedToken);
}
