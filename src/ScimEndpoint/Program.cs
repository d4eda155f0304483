using ScimEndpoint;

ScimApp.Build(args).Run();
