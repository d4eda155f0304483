using Operator.Controllers;

await Operator.OperatorApp.Build(args, builder => builder.Services.AddScimControllers(builder.Configuration)).RunAsync();
