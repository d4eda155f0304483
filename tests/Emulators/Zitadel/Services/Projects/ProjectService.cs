using Emulators.Zitadel.Hosting;

namespace Emulators.Zitadel.Services.Projects;

/// <summary>Registers <c>zitadel.project.v2.ProjectService</c> (Connect only, §7.1).</summary>
internal static class ProjectService
{
    public const string Name = "zitadel.project.v2.ProjectService";

    public static void Map(MethodTable table)
    {
        table.Add(Name, "CreateProject", ProjectHandlers.CreateProject);
        table.Add(Name, "GetProject", ProjectHandlers.GetProject);
        table.Add(Name, "ListProjects", ProjectHandlers.ListProjects);
        table.Add(Name, "AddProjectRole", ProjectRoleHandlers.AddProjectRole);
        table.Add(Name, "UpdateProjectRole", ProjectRoleHandlers.UpdateProjectRole);
        table.Add(Name, "RemoveProjectRole", ProjectRoleHandlers.RemoveProjectRole);
        table.Add(Name, "ListProjectRoles", ProjectRoleHandlers.ListProjectRoles);
    }
}
