using Rumprun.Build.Commands;
using Rumprun.Core.Cli;

return await ToolHost.RunAsync("rr-build", BuildCommand.Create(BuildEnvironment.FromProcess()).Root, args);
