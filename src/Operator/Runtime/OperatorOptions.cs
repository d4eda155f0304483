namespace Operator.Runtime;

/// <summary>The <c>Operator</c> configuration section.</summary>
internal sealed class OperatorOptions
{
    public const string SectionName = "Operator";

    /// <summary>Path of a kubeconfig file. Unset: <c>KubernetesClientConfiguration.BuildDefaultConfig()</c>
    /// ($KUBECONFIG, ~/.kube/config, in-cluster, localhost:8080).</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Namespaces to watch, one list and watch each. Empty (the default): all namespaces.</summary>
    public IList<string> Namespaces { get; } = [];

    public LeaderElectionOptions LeaderElection { get; set; } = new();

    public WorkQueueOptions WorkQueue { get; set; } = new();

    public InformerOptions Informer { get; set; } = new();

    /// <summary>How long shutdown waits for in-flight reconciles before cancelling them. Default 20 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Identical events within this window update one Event's series. Default 10 minutes.</summary>
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The <c>Operator:LeaderElection</c> section; defaults match client-go.</summary>
internal sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Namespace of the Lease. Unset: $POD_NAMESPACE, the in-cluster namespace, else <c>default</c>.</summary>
    public string? Namespace { get; set; }

    public string LeaseName { get; set; } = "scim-operator-leader";

    /// <summary>Unset: $POD_NAME, else host name plus a random suffix.</summary>
    public string? Identity { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The <c>Operator:WorkQueue</c> section: per-key exponential backoff, as controller-runtime.</summary>
internal sealed class WorkQueueOptions
{
    /// <summary>First retry delay after an error; doubles per consecutive failure. Default 5 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of the error backoff. Default 1000 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Cap of the backoff after a 409 Conflict, which is retried quickly. Default 1 s.</summary>
    public TimeSpan ConflictMaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The <c>Operator:Informer</c> section.</summary>
internal sealed class InformerOptions
{
    /// <summary>Items per list page (<c>limit</c>). Default 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Server-side watch timeout; each watch uses a random value between this and twice this. Default 5 min.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First reconnect delay after a failed list or watch; doubles up to <see cref="MaxBackoff"/>, jittered.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
