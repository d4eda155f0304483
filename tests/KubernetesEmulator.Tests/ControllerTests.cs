using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace KubernetesEmulator.Tests;

public sealed class ControllerTests
{
    private static V1ConfigMap Child(string name, V1ConfigMap owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true }],
        },
    };

    [Fact]
    public async Task GarbageCollector_DeletesDependentsOfDeletedOwner()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(Child("child", owner), "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");

        await Eventually.TrueAsync(async () => (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items.Count == 0, "the dependent is collected");
    }

    [Fact]
    public async Task GarbageCollector_Disabled_KeepsDependentsUntilEnabled()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        emulator.GarbageCollectionEnabled = false;
        var client = emulator.CreateClient();
        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(Child("child", owner), "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default");
        var rv = emulator.ResourceVersion;

        await Eventually.TrueAsync(() => Task.FromResult(emulator.Requests.Count(r => r.Verb == "delete") == 1), "the delete is logged");
        Assert.NotNull(await emulator.GetAsync("v1", "ConfigMap", "default", "child"));
        Assert.Equal(rv, emulator.ResourceVersion);

        emulator.GarbageCollectionEnabled = true;
        await Eventually.TrueAsync(async () => await emulator.GetAsync("v1", "ConfigMap", "default", "child") is null, "the dependent is collected");
    }

    [Fact]
    public async Task LeaderElection_TwoElectors_OneLeadsAndTheOtherFollows()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        LeaderElector Elector(string identity) => new(new LeaderElectionConfig(new LeaseLock(emulator.CreateClient(), "default", "op-leader", identity))
        {
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        var a = Elector("a");
        var b = Elector("b");
        var runA = a.RunAndTryToHoldLeadershipForeverAsync(cts.Token);
        var runB = b.RunAndTryToHoldLeadershipForeverAsync(cts.Token);

        await Eventually.TrueAsync(() => Task.FromResult(a.IsLeader() || b.IsLeader()), "one elector leads");
        await Eventually.TrueAsync(() => Task.FromResult(a.GetLeader() is "a" or "b" && a.GetLeader() == b.GetLeader()), "both agree on the leader");
        var lease = await emulator.CreateClient().CoordinationV1.ReadNamespacedLeaseAsync("op-leader", "default");
        await cts.CancelAsync();

        Assert.False(a.IsLeader() && b.IsLeader());
        Assert.Equal(a.GetLeader(), lease.Spec.HolderIdentity);
        Assert.NotNull(lease.Spec.RenewTime);
        await Task.WhenAll(runA, runB).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Faults_FailNextAndConflictStorm_AnswerWithStatusBodies()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();
        var map = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "default");

        emulator.Faults.FailNext(503, 1, r => r.Resource == "configmaps" && r.Verb == "get");
        var unavailable = await Errors.StatusAsync(503, () => client.CoreV1.ReadNamespacedConfigMapAsync("c", "default"));
        var ok = await client.CoreV1.ReadNamespacedConfigMapAsync("c", "default");
        emulator.Faults.ConflictStorm(2);
        var conflict1 = await Errors.StatusAsync(409, () => client.CoreV1.ReplaceNamespacedConfigMapAsync(ok, "c", "default"));
        await Errors.StatusAsync(409, () => client.CoreV1.ReplaceNamespacedConfigMapAsync(ok, "c", "default"));
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(ok, "c", "default");

        Assert.Equal("ServiceUnavailable", unavailable.Reason);
        Assert.Equal(map.Metadata.Uid, ok.Metadata.Uid);
        Assert.Contains("the object has been modified", conflict1.Message, StringComparison.Ordinal);
        Assert.Contains(emulator.Requests.Snapshot(), r => r.StatusCode == 503 && r.Verb == "get");
    }

    [Fact]
    public async Task Service_AllocatesClusterIpAndDefaultsPorts()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var client = emulator.CreateClient();

        var svc = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "s" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "x" } },
        }, "default");

        Assert.Equal("ClusterIP", svc.Spec.Type);
        Assert.StartsWith("10.96.", svc.Spec.ClusterIP, StringComparison.Ordinal);
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        Assert.Equal("80", svc.Spec.Ports[0].TargetPort.Value);
    }
}
