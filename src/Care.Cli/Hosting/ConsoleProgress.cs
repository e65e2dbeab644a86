using Spectre.Console;

namespace Care.Cli.Hosting;

/// <summary>
/// Progress bars for long work, drawn on stderr with Spectre.Console so stdout stays clean for
/// results. Skipped when stderr is not a terminal (CI, pipes, tests).
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, showing a bar that advances by what it reports, up to <paramref name="total"/>.</summary>
    public static async Task<T> RunAsync<T>(string title, int total, Func<IProgress<int>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Console.IsErrorRedirected)
        {
            return await work(null);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: total);
                var reporter = new SynchronousProgress(n => task.Increment(n));
                result = await work(reporter);
                task.Value = total;
            });
        return result;
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
