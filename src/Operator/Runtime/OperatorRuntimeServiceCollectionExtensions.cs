using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Operator.Runtime;

/// <summary>Registers the controller runtime and its controllers.</summary>
internal static class OperatorRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the client, informers, leader election, event recorder, metrics and the controller host, configured from
    /// <paramref name="configuration"/> (the <c>Operator</c> section). The client comes from
    /// <c>Operator:Kubeconfig</c> when set, else <c>KubernetesClientConfiguration.BuildDefaultConfig()</c>; register
    /// an <see cref="IKubernetes"/> first to use another.
    /// </summary>
    public static IServiceCollection AddOperatorRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OperatorOptions>().Bind(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(sp => CreateClient(sp.GetRequiredService<IOptions<OperatorOptions>>().Value));
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton<InformerFactory>();
        services.TryAddSingleton<IInformerFactory>(sp => sp.GetRequiredService<InformerFactory>());
        services.TryAddSingleton<IKubernetesObjects, KubernetesObjects>();
        services.TryAddSingleton<LeaderElectionService>();
        services.TryAddSingleton<ILeadership>(sp => sp.GetRequiredService<LeaderElectionService>());
        services.TryAddSingleton<IEventRecorder, EventRecorder>();

        // Start order informers → leader election → controllers; the host stops them in reverse, so controllers
        // drain while this replica still holds the lease and the caches still run.
        services.AddHostedService<InformerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElectionService>());
        services.AddHostedService<ControllerHostedService>();
        return services;
    }

    /// <summary>
    /// Registers a controller named <paramref name="name"/> (the metric label and workqueue name) that runs
    /// <typeparamref name="TReconciler"/> (scoped) for <typeparamref name="TEntity"/>.
    /// </summary>
    public static IServiceCollection AddController<TEntity, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TReconciler>(
        this IServiceCollection services, string name, Action<ControllerBuilder<TEntity>>? configure = null)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<TEntity>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _ = ResourceType.For<TEntity>();
        var builder = new ControllerBuilder<TEntity>();
        builder.AddPrimarySource();
        configure?.Invoke(builder);
        services.TryAddScoped<TReconciler>();
        services.AddSingleton<IController>(sp => ActivatorUtilities.CreateInstance<Controller<TEntity, TReconciler>>(
            sp, name, builder));
        return services;
    }

    /// <summary>
    /// Runs the shared informer of <typeparamref name="T"/> from the start, with an optional label selector (one per
    /// type: informers are shared). Controllers create the informers they use themselves; this adds the selector.
    /// </summary>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        _ = ResourceType.For<T>();
        services.AddSingleton(new InformerRegistration(typeof(T), labelSelector, factory => factory.Get<T>()));
        return services;
    }

    /// <summary>The User-Agent of every operator request.</summary>
    public const string UserAgent = "scim-operator";

    private static Kubernetes CreateClient(OperatorOptions options)
    {
        var config = Kubeconfig.Build(options.Kubeconfig);

        // A recognisable User-Agent lets API-server audit logs (and the RBAC test) tell the operator's calls apart.
        config.UserAgent = UserAgent;
        return new Kubernetes(config);
    }
}
