using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Operator.Controllers.Zitadel;

namespace Operator.Tests.Controllers.Zitadel;

public sealed class ZitadelCredentialTests
{
    [Fact]
    public void A_single_word_is_a_pat()
    {
        var credential = ZitadelCredential.Parse(Encoding.UTF8.GetBytes("  dGVzdC1wYXQ \n"));
        Assert.False(credential.IsKeyFile);
        Assert.Equal("dGVzdC1wYXQ", credential.Value);
        Assert.Equal("personal access token", credential.ToString());
    }

    [Fact]
    public void Json_is_a_key_file()
    {
        using var rsa = RSA.Create(2048);
        var json = JsonSerializer.Serialize(new { type = "serviceaccount", keyId = "k1", key = rsa.ExportRSAPrivateKeyPem(), userId = "u1" });
        var credential = ZitadelCredential.Parse(Encoding.UTF8.GetBytes(json));
        Assert.True(credential.IsKeyFile);
        Assert.Equal("JWT-profile key file", credential.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("{\"type\":\"application\",\"secret-value\":\"x\"}")]
    [InlineData("{not json secret-value")]
    public void Anything_else_is_refused_without_quoting_it(string content)
    {
        var error = Assert.Throws<FormatException>(() => ZitadelCredential.Parse(Encoding.UTF8.GetBytes(content)));
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("words", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_credentials_have_equal_hashes_and_the_hash_is_not_the_value()
    {
        var a = ZitadelCredential.Parse("pat-1"u8.ToArray());
        Assert.Equal(a.Sha256, ZitadelCredential.Parse("pat-1\n"u8.ToArray()).Sha256);
        Assert.NotEqual(a.Sha256, ZitadelCredential.Parse("pat-2"u8.ToArray()).Sha256);
        Assert.DoesNotContain("pat-1", a.Sha256, StringComparison.Ordinal);
    }
}
