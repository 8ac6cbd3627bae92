using Rumprun.Bake.Commands;
using Rumprun.Core.Cli;

return await ToolHost.RunAsync("rr-bake", BakeCommand.Create(BakeEnvironment.FromProcess()).Root, args);
