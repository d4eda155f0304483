using Emulators.Zitadel;
using Microsoft.Extensions.DependencyInjection;
using ScimEndpoint.Storage.Zitadel;
using Zitadel;

namespace ScimEndpoint.IntegrationTests.ZitadelStore;

/// <summary>
/// A ZITADEL emulator seeded like a ScimTenant: an organisation with a project, an Entra IDP, and a SCIM machine
/// user holding only ORG_USER_MANAGER there, whose PAT the client uses.
/// </summary>
internal sealed class ZitadelTenant : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private ProjectAuthorizations? _authorizations;

    private ZitadelTenant(ZitadelEmulator emulator, ServiceProvider services, ZitadelStoreOptions options)
    {
        Emulator = emulator;
        _services = services;
        Options = options;
        Client = services.GetRequiredService<ZitadelClient>();
    }

    public ZitadelEmulator Emulator { get; }

    public ZitadelClient Client { get; }

    public ZitadelStoreOptions Options { get; }

    public string OrganizationId => Options.OrganizationId;

    public string IdpId => Options.IdpId!;

    public static async Task<ZitadelTenant> StartAsync(Func<ZitadelStoreOptions, ZitadelStoreOptions>? configure = null)
    {
        var emulator = await ZitadelEmulator.StartAsync(null, CancellationToken.None);
        var organization = emulator.CreateOrganization("Acme");
        var project = emulator.CreateProject(organization, "Acme App");
        var idp = emulator.CreateIdp("Entra ID", organization);
        // Least privilege: users and authorizations in the org, roles (groups) in the tenant's project only.
        var scim = emulator.CreateMachineUser(
            "scim-endpoint",
            organization,
            AdministratorGrant.Organization(organization, "ORG_USER_MANAGER"),
            AdministratorGrant.Project(project, "PROJECT_OWNER"));
        var services = new ServiceCollection()
            .AddLogging()
            .AddZitadelClient(o =>
            {
                o.BaseUrl = emulator.BaseUri;
                o.OrganizationId = organization;
                o.PersonalAccessToken = scim.Pat;
            })
            .Services.BuildServiceProvider();
        var options = new ZitadelStoreOptions { OrganizationId = organization, ProjectId = project, IdpId = idp };
        return new ZitadelTenant(emulator, services, configure?.Invoke(options) ?? options) { Pat = scim.Pat };
    }

    /// <summary>The SCIM machine user's PAT (the endpoint's ZITADEL credential).</summary>
    public string Pat { get; private init; } = "";

    /// <summary>Configuration that puts this tenant's ZITADEL store behind a SCIM endpoint.</summary>
    public Dictionary<string, string?> EndpointSettings() => new()
    {
        ["Scim:Store"] = "Zitadel",
        ["Scim:Zitadel:Url"] = Emulator.BaseUri.ToString(),
        ["Scim:Zitadel:OrganizationId"] = OrganizationId,
        ["Scim:Zitadel:ProjectId"] = Options.ProjectId,
        ["Scim:Zitadel:IdpId"] = Options.IdpId,
        ["Scim:Zitadel:PersonalAccessToken"] = Pat,
    };

    public ZitadelGroupStore Groups() => new(Client, Options, Authorizations);

    /// <summary>One per tenant, as in the endpoint: groups and app roles share each user's authorization and lock.</summary>
    public ProjectAuthorizations Authorizations => _authorizations ??= new ProjectAuthorizations(Client, Options);

    public ZitadelUserStore Users() => new(Client, Options, Authorizations);

    /// <summary>How many calls the emulator served since the last reset.</summary>
    public int Calls(string? method = null) =>
        method is null ? Emulator.Requests.Entries.Count : Emulator.Requests.Count(method);

    public void ResetCalls() => Emulator.Requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
