using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ScimEndpoint.Hosting;
using ScimEndpoint.Logging;
using ScimEndpoint.Observability;

namespace ScimEndpoint.Auth;

/// <summary>
/// Holds the key set in use and reloads it without a restart. Polling every
/// <see cref="ScimOptions.KeySetPollInterval"/> is the source of truth, because Kubernetes replaces a mounted Secret
/// by swapping symlinks, which file watchers report unreliably; a <see cref="FileSystemWatcher"/> only wakes the poll
/// early. A file that is invalid or gone after a good load keeps the last good key set. With
/// <see cref="ScimOptions.KeySetSecretName"/> the key set comes from a watched Secret instead
/// (<see cref="KubernetesKeySetWatch"/>).
/// </summary>
internal sealed class KeySetProvider : BackgroundService
{
    private readonly string? _path;
    private readonly KubernetesKeySetWatch? _secretWatch;
    private readonly Lock _applyLock = new();
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ScimMetrics _metrics;
    private readonly ILogger<KeySetProvider> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private byte[]? _contentHash;
    private volatile KeySet _current = KeySet.Empty;
    private bool _missing;

    public KeySetProvider(
        IOptions<ScimOptions> options, TimeProvider time, ScimMetrics metrics, ILogger<KeySetProvider> logger,
        ILoggerFactory loggerFactory)
    {
        _interval = options.Value.KeySetPollInterval;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(options.Value.KeySetSecretName))
        {
            _secretWatch = new KubernetesKeySetWatch(options.Value, loggerFactory.CreateLogger<KubernetesKeySetWatch>());
        }
        else
        {
            _path = Path.GetFullPath(options.Value.KeySetPath);
            Reload();
        }
    }

    /// <summary>The key set in use; <see cref="KeySet.Empty"/> until a valid file has been read.</summary>
    public KeySet Current => _current;

    /// <summary>True once a valid key set with at least one key is in use (<c>/readyz</c>).</summary>
    public bool IsReady => _current.Keys.Count > 0;

    /// <summary>Reads the file and swaps the key set when its content changed and is valid.</summary>
    internal void Reload()
    {
        if (_path is null)
        {
            return;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Apply(null, _path);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.KeySetUnreadable(_logger, _path, e.GetType().Name);
            return;
        }

        Apply(content, _path);
    }

    /// <summary>
    /// Swaps in the key set <paramref name="content"/> holds when it changed and is valid; null means the source is
    /// gone. Either way a bad or missing source keeps the last good key set.
    /// </summary>
    internal void Apply(byte[]? content, string source)
    {
        lock (_applyLock)
        {
            if (content is null)
            {
                // Report a missing source once per disappearance, not on every poll; re-read it in full when it returns.
                _contentHash = null;
                if (!_missing)
                {
                    _missing = true;
                    Log.KeySetMissing(_logger, source);
                    _metrics.KeySetReloaded("missing", _current.Keys.Count);
                }

                return;
            }

            _missing = false;
            var hash = SHA256.HashData(content);
            if (_contentHash is not null && hash.AsSpan().SequenceEqual(_contentHash))
            {
                return;
            }

            _contentHash = hash;
            try
            {
                var keySet = KeySetParser.Parse(content);
                _current = keySet;
                Log.KeySetLoaded(_logger, keySet.Keys.Count, source);
                _metrics.KeySetReloaded("success", keySet.Keys.Count);
            }
            catch (KeySetFormatException e)
            {
                Log.KeySetInvalid(_logger, source, e.Message);
                _metrics.KeySetReloaded("invalid", _current.Keys.Count);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_secretWatch is not null)
        {
            await _secretWatch.RunAsync(Apply, stoppingToken);
            return;
        }

        using var watcher = CreateWatcher();
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var delay = new CancellationTokenSource(_interval, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(delay.Token, stoppingToken))
            {
                try
                {
                    await _wake.WaitAsync(linked.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The poll interval passed.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            Reload();
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private FileSystemWatcher? CreateWatcher()
    {
        if (_path is null)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(_path);
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size |
                    NotifyFilters.DirectoryName | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => Wake();
            watcher.Created += (_, _) => Wake();
            watcher.Renamed += (_, _) => Wake();
            watcher.Deleted += (_, _) => Wake();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            Log.KeySetWatchFailed(_logger, e, directory);
            return null;
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Already awake, or shutting down.
        }
    }
}
