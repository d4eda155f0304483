namespace Emulators.Kubernetes;

/// <summary>How a <see cref="KubernetesEmulator"/> starts.</summary>
internal sealed class KubernetesEmulatorOptions
{
    /// <summary>Events kept for watch resumption; a resourceVersion older than what is kept gets 410 Expired.</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK (upstream: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The minor version <c>/version</c> reports; the kubectl dispatcher picks kubectl.1.&lt;minor&gt;.</summary>
    public string ServerMinor { get; init; } = "32";

    /// <summary>The clock for timestamps, ages, watch timeouts and bookmarks.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether the ownerReference garbage collector runs from the start (switchable later).</summary>
    public bool GarbageCollection { get; init; } = true;

    /// <summary>The loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }
}
