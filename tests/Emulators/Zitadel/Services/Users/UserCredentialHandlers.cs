using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Shared;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Services.Users;

/// <summary>PATs and machine keys (§2.1, §2.2); both exist only for machine users.</summary>
internal static class UserCredentialHandlers
{
    public static JsonObject AddPersonalAccessToken(CallContext context, JsonObject request)
    {
        var user = FindMachine(context, request);
        var pat = IssuePat(context.State, user.Id, request.Time("expirationDate"));
        context.State.NextSequence();
        return new JsonObject().Time("creationDate", context.Now).Str("tokenId", pat.Id).Str("token", pat.Token);
    }

    public static JsonObject RemovePersonalAccessToken(CallContext context, JsonObject request)
    {
        var user = FindMachine(context, request);
        var tokenId = request.RequiredStr("tokenId");
        var pat = context.State.Credentials.Current.FirstOrDefault(
                credential => credential.IsPat && credential.Id == tokenId && credential.UserId == user.Id)
            ?? throw ZitadelException.NotFound("COMMAND-4m77G", "Personal access token not found");
        var sequence = context.State.NextSequence();
        context.State.Credentials.Remove(pat.Token, context.Now);
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }

    /// <summary>
    /// Without a public key, generates an RSA key and returns the key file as base64 <c>keyContent</c>.
    /// </summary>
    public static JsonObject AddKey(CallContext context, JsonObject request)
    {
        var user = FindMachine(context, request);
        var expires = request.Time("expirationDate");
        var keyId = context.State.NewId();
        var publicKey = request.Bytes("publicKey");
        byte[]? keyContent = null;
        using var rsa = RSA.Create(2048);
        if (publicKey.Length > 0)
        {
            try
            {
                rsa.ImportFromPem(System.Text.Encoding.UTF8.GetString(publicKey));
            }
            catch (ArgumentException)
            {
                throw ZitadelException.InvalidArgument("COMMAND-5Fg4h", "The public key is not a valid PEM RSA key");
            }
        }
        else
        {
            keyContent = System.Text.Encoding.UTF8.GetBytes(KeyFile.Json(keyId, user.Id, rsa, expires));
        }

        context.State.NextSequence();
        context.State.Keys.Put((user.Id, keyId),
            new KeyRecord(keyId, user.Id, rsa.ExportSubjectPublicKeyInfoPem(), expires), context.Now);
        return new JsonObject().Time("creationDate", context.Now).Str("keyId", keyId).Bytes("keyContent", keyContent);
    }

    public static JsonObject RemoveKey(CallContext context, JsonObject request)
    {
        var user = FindMachine(context, request);
        var key = (user.Id, request.RequiredStr("keyId"));
        if (context.State.Keys.Get(key) is null)
        {
            throw ZitadelException.NotFound("COMMAND-4m77H", "Machine key not found");
        }

        var sequence = context.State.NextSequence();
        context.State.Keys.Remove(key, context.Now);
        return new JsonObject { ["details"] = ListJson.WriteDetails(sequence, context.Now, user.OrganizationId) };
    }

    public static CredentialRecord IssuePat(EmulatorState state, string userId, DateTimeOffset? expires)
    {
        var token = OpaqueToken.New();
        var pat = new CredentialRecord(state.NewId(), userId, token, expires, IsPat: true);
        state.Credentials.Put(token, pat, state.Now);
        return pat;
    }

    private static UserRecord FindMachine(CallContext context, JsonObject request)
    {
        var user = UserRules.Find(context, request, "user.write");
        return user.Machine is not null ? user
            : throw ZitadelException.FailedPrecondition("COMMAND-Sdf3r", "The user is not a machine user");
    }
}
