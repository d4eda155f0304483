namespace Deployment.Tests;

/// <summary>Paths of the repository (the folder holding ScimOperator.sln), found from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Chart(params string[] parts) => Path(["charts", "scim-operator", .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(Path(parts));

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
