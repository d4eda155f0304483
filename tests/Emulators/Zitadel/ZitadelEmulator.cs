using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Emulators.Zitadel.Auth;
using Emulators.Zitadel.Faults;
using Emulators.Zitadel.Hosting;
using Emulators.Zitadel.Json;
using Emulators.Zitadel.Services.Administrators;
using Emulators.Zitadel.Services.Authorizations;
using Emulators.Zitadel.Services.Organizations;
using Emulators.Zitadel.Services.Projects;
using Emulators.Zitadel.Services.Users;
using Emulators.Zitadel.State;

namespace Emulators.Zitadel;

/// <summary>
/// An in-process ZITADEL v4 emulator on 127.0.0.1 serving the calls of docs/zitadel-calls.md. Each test starts its
/// own instance; <see cref="State"/>, <see cref="Requests"/>, <see cref="Faults"/> and <see cref="ProjectionLag"/>
/// let the test look inside and turn knobs while it runs.
/// </summary>
internal sealed class ZitadelEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly UserRecord _admin;

    private ZitadelEmulator(WebApplication app, EmulatorState state, FaultPlan faults, RequestLog requests,
        (OrganizationRecord Org, UserRecord Admin, string Pat) seed)
    {
        _app = app;
        _admin = seed.Admin;
        State = state;
        Faults = faults;
        Requests = requests;
        DefaultOrganizationId = seed.Org.Id;
        AdminPat = seed.Pat;
        var address = app.Urls.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>The base URL with a trailing slash; <see cref="Issuer"/> is the same without it.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OIDC issuer, which JWT-profile assertions must name in <c>aud</c>.</summary>
    public string Issuer => BaseUri.ToString().TrimEnd('/');

    /// <summary>The PAT of the instance's IAM_OWNER machine user.</summary>
    public string AdminPat { get; }

    public string AdminUserId => _admin.Id;

    public string DefaultOrganizationId { get; }

    /// <summary>Read-only snapshots of everything the instance holds.</summary>
    public EmulatorState State { get; }

    /// <summary>Latency, 429/503 failures and dropped connections; armed at runtime.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Every answered request: method, org header, status.</summary>
    public RequestLog Requests { get; }

    /// <summary>
    /// List* calls see a write only once it is older than this (GetUserByID always reads its writes).
    /// </summary>
    public TimeSpan ProjectionLag
    {
        get => State.ProjectionLag;
        set => State.ProjectionLag = value;
    }

    public static async Task<ZitadelEmulator> StartAsync(
        ZitadelEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZitadelEmulatorOptions();
        var state = new EmulatorState(options.TimeProvider, options.UserLoginMustBeDomain)
        {
            ProjectionLag = options.ProjectionLag,
        };
        var seed = InstanceBootstrap.Run(state, options.DefaultOrganizationName);
        var faults = new FaultPlan();
        var requests = new RequestLog();
        var methods = new MethodTable();
        UserService.Map(methods);
        OrganizationService.Map(methods);
        ProjectService.Map(methods);
        AuthorizationService.Map(methods);
        InternalPermissionService.Map(methods);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        ZitadelEmulator? emulator = null;
        var dispatcher = new CallDispatcher(state, faults, requests, methods);
        var tokens = new TokenEndpoint(state, dispatcher, () => emulator!.Issuer);
        EmulatorRoutes.Map(app, dispatcher, tokens);
        await app.StartAsync(cancellationToken);
        emulator = new ZitadelEmulator(app, state, faults, requests, seed);
        return emulator;
    }

    /// <summary>Creates an organization; returns its id.</summary>
    public string CreateOrganization(string name) =>
        Invoke(OrganizationService.AddOrganization, new JsonObject { ["name"] = name })["organizationId"]!
            .GetValue<string>();

    /// <summary>Creates a project with the given role keys (display name = key); returns its id.</summary>
    public string CreateProject(string organizationId, string name, params string[] roleKeys)
    {
        var projectId = Invoke(ProjectHandlers.CreateProject,
            new JsonObject { ["organizationId"] = organizationId, ["name"] = name })["projectId"]!.GetValue<string>();
        foreach (var key in roleKeys)
        {
            Invoke(ProjectRoleHandlers.AddProjectRole,
                new JsonObject { ["projectId"] = projectId, ["roleKey"] = key, ["displayName"] = key });
        }

        return projectId;
    }

    /// <summary>Creates an IDP on the instance (no org) or on one organization; returns its id.</summary>
    public string CreateIdp(string name, string? organizationId = null)
    {
        lock (State.Gate)
        {
            var id = State.NewId();
            State.NextSequence();
            State.Idps.Put(id, new IdpRecord(id, organizationId, name), State.Now);
            return id;
        }
    }

    /// <summary>
    /// Creates a machine user in the org (default: the default org) with administrator roles and a PAT.
    /// </summary>
    public SeededMachineUser CreateMachineUser(
        string userName, string? organizationId = null, params AdministratorGrant[] grants)
    {
        var orgId = organizationId ?? DefaultOrganizationId;
        var userId = Invoke(UserCreateHandler.CreateUser, new JsonObject
        {
            ["organizationId"] = orgId,
            ["username"] = userName,
            ["machine"] = new JsonObject { ["name"] = userName },
        })["id"]!.GetValue<string>();
        foreach (var grant in grants)
        {
            var resource = grant.Resource switch
            {
                AdministratorResource.Instance => new JsonObject { ["instance"] = true },
                AdministratorResource.Organization => new JsonObject { ["organizationId"] = grant.ResourceId },
                _ => new JsonObject { ["projectId"] = grant.ResourceId },
            };
            Invoke(InternalPermissionService.CreateAdministrator, new JsonObject
            {
                ["userId"] = userId,
                ["resource"] = resource,
                ["roles"] = new JsonArray(grant.Roles.Select(role => (JsonNode?)role).ToArray()),
            });
        }

        var pat = Invoke(UserCredentialHandlers.AddPersonalAccessToken, new JsonObject { ["userId"] = userId });
        return new SeededMachineUser(userId, orgId, userName, pat["token"]!.GetValue<string>());
    }

    /// <summary>Creates a human user in the org, as <c>CreateUser</c> would (for seeding large directories); returns its id.</summary>
    public string CreateHumanUser(string email, string organizationId) =>
        Invoke(UserCreateHandler.CreateUser, new JsonObject
        {
            ["organizationId"] = organizationId,
            ["human"] = new JsonObject
            {
                ["profile"] = new JsonObject { ["givenName"] = "Seeded", ["familyName"] = "User" },
                ["email"] = new JsonObject { ["email"] = email, ["isVerified"] = true },
            },
        })["id"]!.GetValue<string>();

    /// <summary>Grants the user these roles of the project on the org, as <c>CreateAuthorization</c> would; returns its id.</summary>
    public string Authorize(string userId, string projectId, string organizationId, params string[] roleKeys) =>
        Invoke(AuthorizationService.CreateAuthorization, new JsonObject
        {
            ["userId"] = userId,
            ["projectId"] = projectId,
            ["organizationId"] = organizationId,
            ["roleKeys"] = new JsonArray(roleKeys.Select(key => (JsonNode?)key).ToArray()),
        })["id"]!.GetValue<string>();

    /// <summary>Generates an RSA key for a machine user; returns the key-file JSON for the JWT profile.</summary>
    public string RegisterKey(string userId)
    {
        var response = Invoke(UserCredentialHandlers.AddKey, new JsonObject { ["userId"] = userId });
        return Encoding.UTF8.GetString(response.Bytes("keyContent"));
    }

    /// <summary>Completes when <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: a normal stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private JsonObject Invoke(CallHandler handler, JsonObject request)
    {
        lock (State.Gate)
        {
            return handler(new CallContext(State, _admin, null), request);
        }
    }
}
