using PosCloud.OfflineAgent.Hosting;

if (HelpText.Wanted(args))
{
    Console.WriteLine(HelpText.Text);
    return 0;
}

var app = AgentApp.Build(args);
if (app is null) return 2;
if (!await AgentApp.PrepareAsync(app)) return 3;
await app.RunAsync();
return 0;
