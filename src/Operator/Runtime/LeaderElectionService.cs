using System.Security.Cryptography;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Options;

namespace Operator.Runtime;

/// <summary>
/// Campaigns for the coordination.k8s.io Lease with the client's <see cref="LeaderElector"/>. When leadership, once
/// held, is lost, it cancels <see cref="LeadershipLost"/> and stops the application, like controller-runtime: a
/// fresh process with fresh caches is simpler and safer than resuming. With leader election disabled this replica
/// leads from the start.
/// </summary>
internal sealed class LeaderElectionService : BackgroundService, ILeadership
{
    private const string InClusterNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<LeaderElectionService> _logger;
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lost = new();
    private volatile bool _isLeader;

    public LeaderElectionService(
        IKubernetes client, IOptions<OperatorOptions> options, OperatorMetrics metrics,
        IHostApplicationLifetime lifetime, ILogger<LeaderElectionService> logger)
    {
        _client = client;
        _options = options.Value.LeaderElection;
        _metrics = metrics;
        _lifetime = lifetime;
        _logger = logger;
        Identity = _options.Identity is { Length: > 0 } identity ? identity : DefaultIdentity();
        Namespace = _options.Namespace is { Length: > 0 } ns ? ns : DefaultNamespace();
        _metrics.SetLeader(_options.LeaseName, false);
    }

    public bool IsLeader => _isLeader;

    public string Identity { get; }

    public string Namespace { get; }

    public CancellationToken LeadershipLost => _lost.Token;

    public Task WaitForLeadershipAsync(CancellationToken ct) => _leading.Task.WaitAsync(ct);

    public override void Dispose()
    {
        _lost.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            RuntimeLog.LeaderElectionDisabled(_logger, Identity);
            BecomeLeader();
            return;
        }

        var config = new LeaderElectionConfig(new LeaseLock(_client, Namespace, _options.LeaseName, Identity))
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        RuntimeLog.Campaigning(_logger, Namespace, _options.LeaseName, Identity);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            elector.OnStartedLeading += BecomeLeader;
            elector.OnNewLeader += leader => RuntimeLog.NewLeader(_logger, Namespace, _options.LeaseName, leader ?? "");
            try
            {
                await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The elector throws API and network errors while acquiring; campaign again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RuntimeLog.LeaderElectionFailed(_logger, Namespace, _options.LeaseName, e.GetType().Name);
            }

            if (_isLeader && !stoppingToken.IsCancellationRequested)
            {
                LoseLeadership();
                return;
            }

            await Task.Delay(_options.RetryPeriod, stoppingToken).ConfigureAwait(false);
        }
    }

    private void BecomeLeader()
    {
        _isLeader = true;
        _metrics.SetLeader(_options.LeaseName, true);
        RuntimeLog.BecameLeader(_logger, Namespace, _options.LeaseName, Identity);
        _leading.TrySetResult();
    }

    private void LoseLeadership()
    {
        _isLeader = false;
        _metrics.SetLeader(_options.LeaseName, false);
        RuntimeLog.LostLeadership(_logger, Namespace, _options.LeaseName);
        _lost.Cancel();
        _lifetime.StopApplication();
    }

    private static string DefaultIdentity() =>
        Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod
            ? pod
            : $"{Environment.MachineName}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    private static string DefaultNamespace()
    {
        if (Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns)
        {
            return ns;
        }

        return File.Exists(InClusterNamespaceFile) ? File.ReadAllText(InClusterNamespaceFile).Trim() : "default";
    }
}
