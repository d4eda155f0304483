using System.Security.Cryptography;
using System.Text;
using ScimEndpoint.Auth;

namespace ScimEndpoint.Tests.Auth;

public sealed class BearerTokenValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly KeySet Keys = new([
        Key("first", "scimop_first"),
        Key("second", "scimop_second"),
        Key("expired", "scimop_expired", Now.AddSeconds(-1)),
        Key("later", "scimop_later", Now.AddDays(1)),
    ]);

    [Theory]
    [InlineData("Bearer scimop_first", "first")]
    [InlineData("Bearer scimop_second", "second")]
    [InlineData("bearer scimop_second", "second")]
    [InlineData("Bearer scimop_later", "later")]
    public void Validate_KnownToken_ReturnsKeyId(string header, string keyId)
    {
        var result = BearerTokenValidator.Validate(header, Keys, Now);

        Assert.True(result.Succeeded);
        Assert.Equal(keyId, result.KeyId);
    }

    [Theory]
    [InlineData(null, "Missing")]
    [InlineData("", "Missing")]
    [InlineData("Bearer", "Malformed")]
    [InlineData("Bearer ", "Malformed")]
    [InlineData("Basic abc", "Malformed")]
    [InlineData("Bearer a b", "Malformed")]
    [InlineData("Bearer to\"ken", "Malformed")]
    [InlineData("Bearer scimop_unknown", "Unknown")]
    [InlineData("Bearer SCIMOP_FIRST", "Unknown")]
    [InlineData("Bearer scimop_expired", "Expired")]
    public void Validate_BadHeader_ReturnsReason(string? header, string expected)
    {
        var reason = Enum.Parse<AuthFailureReason>(expected);

        var result = BearerTokenValidator.Validate(header, Keys, Now);

        Assert.False(result.Succeeded);
        Assert.Null(result.KeyId);
        Assert.Equal(reason, result.Failure);
    }

    [Fact]
    public void Validate_NoKeys_ReturnsNoKeys()
    {
        Assert.Equal(AuthFailureReason.NoKeys, BearerTokenValidator.Validate("Bearer x", KeySet.Empty, Now).Failure);
    }

    [Fact]
    public void Validate_TokenTooLong_IsMalformed()
    {
        var header = "Bearer " + new string('a', BearerTokenValidator.MaxTokenLength + 1);

        Assert.Equal(AuthFailureReason.Malformed, BearerTokenValidator.Validate(header, Keys, Now).Failure);
    }

    [Fact]
    public void Validate_LongTokenWithinLimit_IsHashed()
    {
        var token = new string('b', 2000);
        var keys = new KeySet([Key("long", token)]);

        Assert.Equal("long", BearerTokenValidator.Validate("Bearer " + token, keys, Now).KeyId);
    }

    [Fact]
    public void FindKey_HashOfLastKey_FindsItAfterComparingAll()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("scimop_later"));

        Assert.Equal("later", BearerTokenValidator.FindKey(hash, Keys)?.Id);
        Assert.Null(BearerTokenValidator.FindKey(new byte[32], Keys));
    }

    private static KeySetEntry Key(string id, string token, DateTimeOffset? expiresAt = null) =>
        new(id, SHA256.HashData(Encoding.UTF8.GetBytes(token)), expiresAt);
}
