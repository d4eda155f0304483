namespace Deployment.Tests;

public sealed class HelmFactAttributeTests
{
    [Fact]
    public void Skips_with_the_reason_when_path_is_unset_or_empty()
    {
        Assert.Equal(HelmFactAttribute.MissingHelmReason, HelmFactAttribute.SkipReason(null));
        Assert.Equal(HelmFactAttribute.MissingHelmReason, HelmFactAttribute.SkipReason(""));
    }

    [Fact]
    public void Runs_when_a_folder_on_path_holds_an_executable_helm()
    {
        var empty = Directory.CreateTempSubdirectory("helm-empty-").FullName;
        var bin = Directory.CreateTempSubdirectory("helm-bin-").FullName;
        try
        {
            var helm = Path.Combine(bin, "helm");
            File.WriteAllText(helm, "#!/bin/sh\n");
            var path = empty + Path.PathSeparator + bin;
            if (!OperatingSystem.IsWindows())
            {
                // A helm that is not executable does not count.
                File.SetUnixFileMode(helm, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Assert.Equal(HelmFactAttribute.MissingHelmReason, HelmFactAttribute.SkipReason(path));
                File.SetUnixFileMode(helm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Assert.Null(HelmFactAttribute.SkipReason(path));
            Assert.Equal(helm, HelmFactAttribute.Find(path));
            Assert.Equal(HelmFactAttribute.MissingHelmReason, HelmFactAttribute.SkipReason(empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public void Attribute_skip_follows_the_process_path()
    {
        var expected = HelmFactAttribute.SkipReason(Environment.GetEnvironmentVariable("PATH"));
        Assert.Equal(expected, new HelmFactAttribute().Skip);
    }
}
