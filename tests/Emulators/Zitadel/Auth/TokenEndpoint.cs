using System.Text.Json.Nodes;
using Emulators.Zitadel.Errors;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel.Auth;

/// <summary>OIDC discovery and the JWT-profile grant of <c>/oauth/v2/token</c> (§2.2).</summary>
internal sealed class TokenEndpoint(EmulatorState state, CallDispatcher dispatcher, Func<string> issuer)
{
    public const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>ZITADEL's default access-token lifetime for machine users is 12 h.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public Task DiscoveryAsync(HttpContext http) => Responses.WriteJsonAsync(http, StatusCodes.Status200OK,
        new JsonObject
        {
            ["issuer"] = issuer(),
            ["token_endpoint"] = issuer() + "/oauth/v2/token",
            ["grant_types_supported"] = new JsonArray(JwtBearerGrant),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("none", "private_key_jwt"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });

    public async Task TokenAsync(HttpContext http)
    {
        const string method = "Token";
        try
        {
            var decision = await dispatcher.ApplyLatencyAndFailuresAsync(http, method);
            if (!http.Request.HasFormContentType)
            {
                throw new OAuthException("invalid_request", "the body must be application/x-www-form-urlencoded");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form["grant_type"] != JwtBearerGrant)
            {
                throw new OAuthException("unsupported_grant_type", "only the JWT profile grant is supported");
            }

            var assertion = form["assertion"].ToString();
            if (string.IsNullOrEmpty(assertion))
            {
                throw new OAuthException("invalid_request", "assertion is missing");
            }

            if (decision.Fault == Faults.FaultKind.DropBeforeApply)
            {
                dispatcher.Drop(http, method, null);
                return;
            }

            var token = Issue(assertion);
            if (decision.Fault == Faults.FaultKind.DropAfterApply)
            {
                dispatcher.Drop(http, method, null);
                return;
            }

            await Responses.WriteJsonAsync(http, StatusCodes.Status200OK, new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)Lifetime.TotalSeconds - 1,
            });
        }
        catch (OAuthException error)
        {
            await Responses.WriteJsonAsync(http, StatusCodes.Status400BadRequest,
                new JsonObject { ["error"] = error.Error, ["error_description"] = error.Message });
        }
        catch (ZitadelException error)
        {
            await dispatcher.WriteErrorAsync(http, error, ErrorShape.Connect);
        }

        dispatcher.Log(http, method, null);
    }

    private string Issue(string assertion)
    {
        lock (state.Gate)
        {
            var userId = JwtProfileValidator.Validate(state, assertion, issuer());
            if (state.UserTable.Get(userId) is not { State: UserRecord.Active })
            {
                throw OAuthException.InvalidGrant("user does not exist or is not active");
            }

            var token = OpaqueToken.New();
            state.Credentials.Put(token,
                new CredentialRecord(state.NewId(), userId, token, state.Now + Lifetime, IsPat: false), state.Now);
            return token;
        }
    }
}
