using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zitadel.Administrators;
using Zitadel.Auth;
using Zitadel.Authorizations;
using Zitadel.Organizations;
using Zitadel.Projects;
using Zitadel.Transport;
using Zitadel.Users;

namespace Zitadel;

internal static class ZitadelServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ZitadelClient"/> (and its per-service clients) with validated options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="validateOnStart">Validate the options when the host starts (default). A host that uses the client
    /// only in some configurations passes false and validates its own settings; the options are then validated when
    /// the client is first resolved.</param>
    /// <remarks>Register <see cref="IZitadelCallObserver"/> implementations to see every call. The returned builder
    /// configures the one <see cref="HttpClient"/>; its own timeout is off because every attempt has
    /// <see cref="ZitadelClientOptions.Timeout"/>.</remarks>
    public static IHttpClientBuilder AddZitadelClient(
        this IServiceCollection services, Action<ZitadelClientOptions> configure, bool validateOnStart = true)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = services.AddOptions<ZitadelClientOptions>().Configure(configure);
        if (validateOnStart)
        {
            options.ValidateOnStart();
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ZitadelClientOptions>, ZitadelClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ZitadelHttpSender>();
        services.TryAddSingleton(sp => new RetryBackoff(sp.GetRequiredService<IOptions<ZitadelClientOptions>>().Value.Retry));
        services.TryAddSingleton(CreateTokenSource);
        services.TryAddSingleton<ZitadelConnection>();
        services.TryAddSingleton<UserServiceClient>();
        services.TryAddSingleton<OrganizationServiceClient>();
        services.TryAddSingleton<ProjectServiceClient>();
        services.TryAddSingleton<AuthorizationServiceClient>();
        services.TryAddSingleton<AdministratorServiceClient>();
        services.TryAddSingleton<ZitadelClient>();
        return services.AddHttpClient(ZitadelHttpSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
    }

    private static IZitadelTokenSource CreateTokenSource(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ZitadelClientOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(options.PersonalAccessToken))
        {
            return new PersonalAccessTokenSource(options.PersonalAccessToken);
        }

        var key = string.IsNullOrWhiteSpace(options.KeyFileJson)
            ? ServiceAccountKey.Load(options.KeyFilePath!)
            : ServiceAccountKey.Parse(options.KeyFileJson);
        return new JwtProfileTokenSource(
            key,
            options,
            services.GetRequiredService<ZitadelHttpSender>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<JwtProfileTokenSource>>());
    }
}
