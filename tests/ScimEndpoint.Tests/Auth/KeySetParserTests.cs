using System.Text;
using ScimEndpoint.Auth;

namespace ScimEndpoint.Tests.Auth;

public sealed class KeySetParserTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Parse_ValidFile_ReadsIdHashAndExpiry()
    {
        var keySet = Parse($$"""{"keys":[{"id":"key-1","sha256":"{{Hash}}","expiresAt":"2027-01-01T00:00:00Z"},{"id":"key-2","sha256":"{{Hash.ToUpperInvariant()}}"}]}""");

        Assert.Equal(2, keySet.Keys.Count);
        Assert.Equal("key-1", keySet.Keys[0].Id);
        Assert.Equal(Convert.FromHexString(Hash), keySet.Keys[0].Hash);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), keySet.Keys[0].ExpiresAt);
        Assert.Null(keySet.Keys[1].ExpiresAt);
    }

    [Fact]
    public void Parse_EmptyKeys_IsValidWithNoKeys()
    {
        Assert.Empty(Parse("""{"keys":[],"comment":"ignored"}""").Keys);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "\"keys\" array")]
    [InlineData("""{"keys":{}}""", "\"keys\" array")]
    [InlineData("""{"keys":[1]}""", "keys[0] must be an object")]
    [InlineData("""{"keys":[{"sha256":"x"}]}""", "keys[0].id")]
    [InlineData("""{"keys":[{"id":"a b","sha256":"x"}]}""", "keys[0].id")]
    [InlineData("""{"keys":[{"id":"a"}]}""", "keys[0].sha256")]
    [InlineData("""{"keys":[{"id":"a","sha256":"abc"}]}""", "keys[0].sha256")]
    [InlineData("""{"keys":[{"id":"a","sha256":"zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}]}""", "keys[0].sha256")]
    public void Parse_InvalidFile_ThrowsNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<KeySetFormatException>(() => Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateId_Throws()
    {
        var json = $$"""{"keys":[{"id":"a","sha256":"{{Hash}}"},{"id":"a","sha256":"{{Hash}}"}]}""";

        Assert.Throws<KeySetFormatException>(() => Parse(json));
    }

    [Fact]
    public void Parse_BadExpiry_ThrowsWithoutTheHash()
    {
        var json = $$"""{"keys":[{"id":"a","sha256":"{{Hash}}","expiresAt":"soon"}]}""";

        var error = Assert.Throws<KeySetFormatException>(() => Parse(json));

        Assert.Contains("expiresAt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, error.Message, StringComparison.Ordinal);
    }

    private static KeySet Parse(string json) => KeySetParser.Parse(Encoding.UTF8.GetBytes(json));
}
