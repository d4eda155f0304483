using Operator.Keys;

namespace Operator.Tests.Keys;

public sealed class ScimTokenTests
{
    [Fact]
    public void Tokens_are_well_formed_unique_and_carry_256_bits()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ScimToken.Create()).ToList();
        Assert.All(tokens, t =>
        {
            Assert.StartsWith(ScimToken.Prefix, t, StringComparison.Ordinal);
            Assert.Equal(ScimToken.Length, t.Length);
            Assert.True(ScimToken.IsWellFormed(t));
        });
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // 43 base62 characters hold log2(62^43) ≈ 256.03 bits.
        Assert.True(43 * Math.Log2(62) >= 256);
    }

    [Fact]
    public void A_changed_character_fails_the_checksum()
    {
        var token = ScimToken.Create();
        var chars = token.ToCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        Assert.False(ScimToken.IsWellFormed(new string(chars)));
        Assert.False(ScimToken.IsWellFormed(token[..^1]));
        Assert.False(ScimToken.IsWellFormed("ghp_" + token[4..]));
    }

    [Fact]
    public void Hash_and_fingerprint_are_lowercase_hex_of_the_utf8_bytes()
    {
        // SHA-256("abc") from FIPS 180-2.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ScimToken.Sha256Hex("abc"));
        Assert.Equal("sha256:ba7816bf8f01", ScimToken.Fingerprint(ScimToken.Sha256Hex("abc")));
        Assert.Matches("^[0-9a-f]{16}$", ScimToken.CreateId());
    }
}

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("24h", 86400)]
    [InlineData("2160h", 7776000)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("0s", 0)]
    public void Parses_go_durations(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("90d")]
    [InlineData("-1h")]
    [InlineData("h")]
    [InlineData("1 h")]
    [InlineData("1000000h")]
    public void Rejects_anything_else(string? text) => Assert.False(GoDuration.TryParse(text, out _));
}
