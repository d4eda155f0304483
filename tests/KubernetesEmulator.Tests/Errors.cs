using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KubernetesEmulator.Tests;

/// <summary>Asserts a call fails with an HTTP status and returns the Status body.</summary>
internal static class Errors
{
    public static async Task<V1Status> StatusAsync(int code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(code, (int)e.Response.StatusCode);
        return KubernetesJson.Deserialize<V1Status>(e.Response.Content);
    }
}
