namespace KubernetesEmulator.Tests;

public sealed class KubectlTests
{
    private const string Widget1 = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w1
          labels: {app: demo}
        spec:
          size: 3
        """;

    private static async Task<(Emulators.Kubernetes.KubernetesEmulator, Kubectl)> StartWithCrdAsync()
    {
        var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        var kubectl = new Kubectl(emulator);
        await kubectl.OkAsync("apply", "-f", Widgets.FixturePath("widgets-crd.yaml"));
        await kubectl.OkAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=20s");
        return (emulator, kubectl);
    }

    [KubectlFact]
    public async Task Version_ReportsServer132()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);

        var output = await kubectl.OkAsync("version", "-o", "json");

        Assert.Contains("\"gitVersion\": \"v1.32", output, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task ApplyGetLabelStatusWait_FollowTheRealServer()
    {
        var (emulator, kubectl) = await StartWithCrdAsync();
        await using var _ = emulator;
        using var __ = kubectl;
        var w1 = kubectl.File_("w1.yaml", Widget1);

        var resources = await kubectl.OkAsync("api-resources", "--api-group=example.com");
        var created = await kubectl.OkAsync("apply", "-f", w1);
        var unchanged = await kubectl.OkAsync("apply", "-f", w1);
        var gen1 = await kubectl.OkAsync("get", "widget", "w1", "-o", "jsonpath={.metadata.generation}");
        var configured = await kubectl.OkAsync("apply", "-f", kubectl.File_("w1b.yaml", Widget1.Replace("size: 3", "size: 5", StringComparison.Ordinal)));
        await kubectl.OkAsync("label", "widget", "w1", "x=y");
        await kubectl.OkAsync("patch", "widget", "w1", "--subresource=status", "--type=merge", "-p",
            """{"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2,"reason":"Test","message":"","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}""");
        await kubectl.OkAsync("wait", "--for=condition=Ready", "widget/w1", "--timeout=20s");
        await kubectl.OkAsync("patch", "widget", "w1", "--type=merge", "-p", """{"status":{"phase":"X"}}""");
        var gen2 = await kubectl.OkAsync("get", "widget", "w1", "-o", "jsonpath={.metadata.generation}");
        var phase = await kubectl.OkAsync("get", "widget", "w1", "-o", "jsonpath={.status.phase}");
        var wide = await kubectl.OkAsync("get", "widgets", "-o", "wide");
        var byName = await kubectl.OkAsync("get", "widgets", "-A", "-l", "app=demo", "--field-selector", "metadata.name=w1", "-o", "name");

        Assert.Matches(@"widgets\s+wd\s+example.com/v1\s+true\s+Widget", resources);
        Assert.Contains("widget.example.com/w1 created", created, StringComparison.Ordinal);
        Assert.Contains("widget.example.com/w1 unchanged", unchanged, StringComparison.Ordinal);
        Assert.Contains("widget.example.com/w1 configured", configured, StringComparison.Ordinal);
        Assert.Equal("1", gen1);
        Assert.Equal("2", gen2);
        Assert.Equal("", phase);
        Assert.Matches(@"NAME\s+SIZE\s+READY\s+COLOR\s+AGE", wide);
        Assert.Matches(@"w1\s+5\s+True\s+blue", wide);
        Assert.Equal("widget.example.com/w1", byName.Trim());
    }

    [KubectlFact]
    public async Task FinalizersInvalidStaleAndGenerateName_FailOrSucceedAsOnACluster()
    {
        var (emulator, kubectl) = await StartWithCrdAsync();
        await using var _ = emulator;
        using var __ = kubectl;
        await kubectl.OkAsync("apply", "-f", kubectl.File_("w1.yaml", Widget1));
        var stale = await kubectl.OkAsync("get", "widget", "w1", "-o", "yaml");

        await kubectl.OkAsync("patch", "widget", "w1", "--type=merge", "-p", """{"metadata":{"finalizers":["example.com/hold"]}}""");
        await kubectl.OkAsync("delete", "widget", "w1", "--wait=false");
        var deletionTimestamp = await kubectl.OkAsync("get", "widget", "w1", "-o", "jsonpath={.metadata.deletionTimestamp}");
        await kubectl.OkAsync("patch", "widget", "w1", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        await kubectl.OkAsync("wait", "--for=delete", "widget/w1", "--timeout=20s");
        var invalid = await kubectl.RunAsync("apply", "-f", kubectl.File_("bad.yaml", Widget1.Replace("size: 3", "size: 0", StringComparison.Ordinal)));
        await kubectl.OkAsync("apply", "-f", kubectl.File_("w1.yaml", Widget1));
        await kubectl.OkAsync("patch", "widget", "w1", "--type=merge", "-p", """{"spec":{"size":4}}""");
        var replace = await kubectl.RunAsync("replace", "-f", kubectl.File_("stale.yaml", stale));
        var generated = await kubectl.OkAsync("create", "-f", kubectl.File_("gen.yaml", """
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              generateName: w-
            spec:
              size: 1
            """), "-o", "name");

        Assert.NotEqual("", deletionTimestamp);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("is invalid", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("Invalid value: 0", invalid.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, replace.ExitCode);
        Assert.Contains("the object has been modified", replace.Stderr, StringComparison.Ordinal);
        Assert.Matches("^widget.example.com/w-[bcdfghjklmnpqrstvwxz2456789]{5}$", generated.Trim());
    }

    [KubectlFact]
    public async Task SecretAndDeployment_ApplyWithDefaultsAndStrategicMerge()
    {
        await using var emulator = await Emulators.Kubernetes.KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        const string deploy = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: d1
            spec:
              selector:
                matchLabels: {app: d1}
              template:
                metadata:
                  labels: {app: d1}
                spec:
                  containers:
                  - name: c
                    image: nginx:1.25
                    env: [{name: A, value: "1"}]
                  - name: side
                    image: busybox:1.36
            """;

        await kubectl.OkAsync("apply", "-f", kubectl.File_("secret.yaml", """
            apiVersion: v1
            kind: Secret
            metadata:
              name: s1
            stringData:
              password: hunter2
            """));
        var password = await kubectl.OkAsync("get", "secret", "s1", "-o", "jsonpath={.data.password}");
        var stringData = await kubectl.OkAsync("get", "secret", "s1", "-o", "jsonpath={.stringData}");
        await kubectl.OkAsync("apply", "-f", kubectl.File_("d1.yaml", deploy));
        var configured = await kubectl.OkAsync("apply", "-f", kubectl.File_("d1b.yaml", deploy.Replace("nginx:1.25", "nginx:1.26", StringComparison.Ordinal)));
        var image = await kubectl.OkAsync("get", "deploy", "d1", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        var names = await kubectl.OkAsync("get", "deploy", "d1", "-o", "jsonpath={.spec.template.spec.containers[*].name}");
        var pullPolicy = await kubectl.OkAsync("get", "deploy", "d1", "-o", "jsonpath={.spec.template.spec.containers[0].imagePullPolicy}");
        var generation = await kubectl.OkAsync("get", "deploy", "d1", "-o", "jsonpath={.metadata.generation}");

        Assert.Equal("hunter2", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(password)));
        Assert.Equal("", stringData);
        Assert.Contains("deployment.apps/d1 configured", configured, StringComparison.Ordinal);
        Assert.Equal("nginx:1.26", image);
        Assert.Equal("c side", names);
        Assert.Equal("IfNotPresent", pullPolicy);
        Assert.Equal("2", generation);
    }

    [KubectlFact]
    public async Task ServerSideApply_ConflictsWithAnotherManagerUntilForced()
    {
        var (emulator, kubectl) = await StartWithCrdAsync();
        await using var _ = emulator;
        using var __ = kubectl;
        var w1 = kubectl.File_("w1.yaml", Widget1);

        var applied = await kubectl.OkAsync("apply", "--server-side", "--field-manager=tester", "-f", w1);
        await kubectl.OkAsync("patch", "widget", "w1", "--type=merge", "--field-manager=operator", "-p", """{"spec":{"size":4}}""");
        var conflict = await kubectl.RunAsync("apply", "--server-side", "--field-manager=tester", "-f", w1);
        var forced = await kubectl.OkAsync("apply", "--server-side", "--field-manager=tester", "--force-conflicts", "-f", w1);
        var size = await kubectl.OkAsync("get", "widget", "w1", "-o", "jsonpath={.spec.size}");

        Assert.Contains("serverside-applied", applied, StringComparison.Ordinal);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("serverside-applied", forced, StringComparison.Ordinal);
        Assert.Equal("3", size);
    }

    [KubectlFact]
    public async Task DeleteCrd_RemovesTheResourceType()
    {
        var (emulator, kubectl) = await StartWithCrdAsync();
        await using var _ = emulator;
        using var __ = kubectl;
        await kubectl.OkAsync("apply", "-f", kubectl.File_("w1.yaml", Widget1));

        await kubectl.OkAsync("delete", "crd", "widgets.example.com", "--timeout=30s");
        var get = await kubectl.RunAsync("get", "widgets");

        Assert.NotEqual(0, get.ExitCode);
        // A fresh discovery cache says "doesn't have a resource type"; a cached one lists and gets the 404.
        Assert.True(get.Stderr.Contains("the server doesn't have a resource type \"widgets\"", StringComparison.Ordinal) ||
            get.Stderr.Contains("the server could not find the requested resource", StringComparison.Ordinal), get.ToString());
    }
}
