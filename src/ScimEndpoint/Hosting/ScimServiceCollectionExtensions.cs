using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScimEndpoint.Auth;
using ScimEndpoint.Http;
using ScimEndpoint.Observability;
using ScimEndpoint.Protocol.Schemas;
using ScimEndpoint.Protocol;
using ScimEndpoint.Status;
using ScimEndpoint.Storage;
using ScimEndpoint.Storage.InMemory;
using ScimEndpoint.Storage.Zitadel;
using Zitadel;

namespace ScimEndpoint.Hosting;

/// <summary>Registers the SCIM endpoint's services.</summary>
internal static class ScimServiceCollectionExtensions
{
    public static IServiceCollection AddScimEndpoint(this IServiceCollection services)
    {
        services.AddOptions<ScimOptions>()
            .BindConfiguration(ScimOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScimOptions>, ScimOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ListenerPorts>();
        services.AddSingleton<ScimMetrics>();
        services.AddSingleton<Zitadel.Transport.IZitadelCallObserver>(provider => provider.GetRequiredService<ScimMetrics>());
        services.AddSingleton<KeySetProvider>();
        services.AddHostedService(provider => provider.GetRequiredService<KeySetProvider>());
        services.AddProvisioningStatus();
        services.AddExceptionHandler<ScimExceptionHandler>();
        // The client is registered always and resolved only by the ZITADEL store; ScimOptionsValidator checks the
        // Scim:Zitadel settings at start when that store is chosen, so an in-memory endpoint needs none of them.
        services.AddZitadelClient(_ => { }, validateOnStart: false);
        services.AddOptions<ZitadelClientOptions>().Configure<IOptions<ScimOptions>>((client, scim) =>
        {
            var zitadel = scim.Value.Zitadel;
            client.BaseUrl = zitadel.Url;
            client.Issuer = zitadel.Issuer;
            client.OrganizationId = zitadel.OrganizationId;
            client.PersonalAccessToken = zitadel.PersonalAccessToken;
            client.KeyFilePath = zitadel.KeyFilePath;
        });

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ScimOptions>>().Value;
            return new ScimResourceTypes(
                options.CustomSchemas, groups: options.Store != ScimStoreKind.Zitadel || options.Zitadel.GroupsEnabled);
        });
        services.AddScimStore();
        services.AddSingleton<ScimService>();
        return services;
    }

    /// <summary>
    /// The activity collector (always: it is cheap) and the reporter, which writes only when
    /// <c>Scim:Status:TenantName</c> is set.
    /// </summary>
    private static void AddProvisioningStatus(this IServiceCollection services)
    {
        services.AddSingleton<ProvisioningActivity>();
        services.TryAddSingleton(provider => new ProvisioningStatusTiming(
            provider.GetRequiredService<IOptions<ScimOptions>>().Value.Status.Interval,
            ProvisioningStatusTiming.DefaultJitter));
        services.AddSingleton<ProvisioningStatusReporter>();
        services.AddHostedService(provider => provider.GetRequiredService<ProvisioningStatusReporter>());
    }

    /// <summary>The store chosen by <see cref="ScimOptions.Store"/>, wrapped in the timing decorator.</summary>
    private static void AddScimStore(this IServiceCollection services) =>
        services.AddSingleton<IScimStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ScimOptions>>().Value;
            IScimStore store = options.Store switch
            {
                ScimStoreKind.InMemory => new InMemoryScimStore(provider.GetRequiredService<TimeProvider>()),
                ScimStoreKind.Zitadel => new ZitadelScimStore(
                    provider.GetRequiredService<ZitadelClient>(),
                    options.Zitadel.ToStoreOptions(provider.GetRequiredService<ScimResourceTypes>().User)),
                _ => throw new InvalidOperationException($"Scim:Store '{options.Store}' is not supported."),
            };
            return new InstrumentedScimStore(store, provider.GetRequiredService<ScimMetrics>());
        });

    /// <summary>Kestrel: the SCIM and management listeners, no Server header, the body and request-line limits.</summary>
    public static void ConfigureScimKestrel(KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<ScimOptions>>().Value;
        var ports = kestrel.ApplicationServices.GetRequiredService<ListenerPorts>();
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = ScimConstants.MaxBodyBytes;

        // A filter at the 4 KiB limit can triple in size when percent-encoded; a request line of that size must reach
        // the filter parser, which answers with a SCIM invalidFilter instead of Kestrel's bare 414.
        kestrel.Limits.MaxRequestLineSize = ScimConstants.MaxRequestLineBytes;
        var address = System.Net.IPAddress.Parse(options.ListenAddress);
        kestrel.Listen(address, options.Port, listen => ports.Scim = listen);
        kestrel.Listen(address, options.ManagementPort, listen => ports.Management = listen);
    }
}
