using k8s;
using k8s.Models;

namespace Operator.Tests;

/// <summary>Finds files of the repository (config/crds, config/samples) from the test's output folder.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static Task<V1CustomResourceDefinition> LoadCrdAsync(string file) =>
        KubernetesYaml.LoadFromFileAsync<V1CustomResourceDefinition>(Path("config", "crds", file));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ScimOperator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ScimOperator.sln not found above " + AppContext.BaseDirectory);
    }
}
