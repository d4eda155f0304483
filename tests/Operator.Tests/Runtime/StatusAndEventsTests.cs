using Emulators.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Operator.Runtime;
using Operator.Tests.Runtime.Support;

namespace Operator.Tests.Runtime;

public sealed class StatusAndEventsTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void ConditionsSet_SameStatus_KeepsTransitionTimeAndReportsOnlyRealChanges()
    {
        var list = new List<V1Condition>();

        var added = Conditions.Set(list, "Ready", "False", "Pending", "waiting", 1, T0);
        var same = Conditions.Set(list, "Ready", "False", "Pending", "waiting", 1, T0.AddMinutes(1));
        var reason = Conditions.Set(list, "Ready", "False", "Failing", "broken", 2, T0.AddMinutes(2));
        var transitionBeforeFlip = list[0].LastTransitionTime;
        var flipped = Conditions.Set(list, "Ready", "True", "Issued", "", 2, T0.AddMinutes(3));

        Assert.True(added);
        Assert.False(same);
        Assert.True(reason);
        Assert.Equal(T0, transitionBeforeFlip);
        Assert.True(flipped);
        Assert.Equal(T0.AddMinutes(3), list.Single().LastTransitionTime);
        Assert.True(Conditions.IsTrue(list, "Ready"));
    }

    [Fact]
    public async Task UpdateStatus_ConflictsThenUnchanged_WritesOnceWithObservedGenerationAndThenNotAgain()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var objects = new KubernetesObjects(emulator.CreateClient());
        var deployment = await objects.CreateAsync(Deployment("d1"), CancellationToken.None);
        emulator.Faults.ConflictStorm(2, r => r.Subresource == "status");

        var written = await objects.UpdateStatusAsync(deployment, d => SetReplicas(d, 3), CancellationToken.None);
        var writesBefore = StatusWrites(emulator);
        var again = await objects.UpdateStatusAsync(written!, d => SetReplicas(d, 3), CancellationToken.None);

        Assert.Equal(3, written!.Status.ReadyReplicas);
        Assert.Equal(written.Metadata.Generation, written.Status.ObservedGeneration);
        Assert.Equal(writesBefore, StatusWrites(emulator));
        Assert.Equal(written.Metadata.ResourceVersion, again!.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task EventRecorder_RepeatedEvent_BecomesASeriesAndFailuresNeverThrow()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        using var leadership = new FakeLeadership(leader: true);
        var (recorder, regarding) = await RecorderAsync(emulator, time, leadership);

        await recorder.NormalAsync(regarding, "Issued", "Issue", "token issued", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        await recorder.NormalAsync(regarding, "Issued", "Issue", "token issued", CancellationToken.None);
        await recorder.NormalAsync(regarding, "Issued", "Issue", "token issued", CancellationToken.None);
        emulator.Faults.FailNext(500, 5);
        await recorder.WarningAsync(regarding, "Failed", "Issue", "boom", CancellationToken.None);

        var events = await emulator.ListAsync("events.k8s.io/v1", "events", "default");
        var single = Assert.Single(events);
        Assert.Equal(3, (int)single["series"]!["count"]!);
        Assert.Equal("scim-operator", (string?)single["reportingController"]);
        Assert.Equal("cm", (string?)single["regarding"]!["name"]);
    }

    [Fact]
    public async Task EventRecorder_TwoEventsAtTheSameInstant_BothAreCreated()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(T0));
        using var leadership = new FakeLeadership(leader: true);
        var (recorder, regarding) = await RecorderAsync(emulator, time, leadership);

        // The clock does not move: both names would have been "cm.<ticks>", and the second create a 409.
        await recorder.NormalAsync(regarding, "Issued", "Issue", "token issued", CancellationToken.None);
        await recorder.WarningAsync(regarding, "SecretConflict", "Issue", "secret taken", CancellationToken.None);

        var events = await emulator.ListAsync("events.k8s.io/v1", "events", "default");
        Assert.Equal(["Issued", "SecretConflict"], events.Select(e => (string)e["reason"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventName_LongObjectName_StaysWithinADnsSubdomain()
    {
        var name = EventRecorder.EventName(new string('a', 253), T0, 1);

        Assert.True(name.Length <= 253, name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith($".{T0.Ticks:x}.1", name, StringComparison.Ordinal);
        Assert.Equal($"cm.{T0.Ticks:x}.2", EventRecorder.EventName("cm", T0, 2));
    }

    /// <summary>A recorder on <paramref name="emulator"/> and the ConfigMap its events are about.</summary>
    private static async Task<(EventRecorder Recorder, V1ConfigMap Regarding)> RecorderAsync(
        KubernetesEmulator emulator, FakeTimeProvider time, FakeLeadership leadership)
    {
        var objects = new KubernetesObjects(emulator.CreateClient());
        var recorder = new EventRecorder(
            objects, leadership, Options.Create(new OperatorOptions()), new OperatorMetrics(), time,
            NullLogger<EventRecorder>.Instance);
        var regarding = await objects.CreateAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm", NamespaceProperty = "default" } },
            CancellationToken.None);
        return (recorder, regarding);
    }

    private static bool SetReplicas(V1Deployment d, int replicas)
    {
        d.Status ??= new V1DeploymentStatus();
        var changed = d.Status.ReadyReplicas != replicas;
        d.Status.ReadyReplicas = replicas;
        return changed;
    }

    private static int StatusWrites(KubernetesEmulator emulator) =>
        emulator.Requests.Count(r => r.Subresource == "status" && r.IsWrite);

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1" }] },
            },
        },
    };
}
