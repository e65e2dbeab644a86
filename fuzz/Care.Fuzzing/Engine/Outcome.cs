using System.Diagnostics;
using System.Text;

namespace Care.Fuzzing.Engine;

/// <summary>Runs one input and classifies what happened.</summary>
internal static class Outcome
{
    /// <summary>
    /// Runs <paramref name="input"/>: returns (null, "ok") when accepted, (null, refusal class) when
    /// refused as documented, or (finding signature, detail) for anything else.
    /// </summary>
    public static (string? Finding, string Kind) Run(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return (null, "ok");
        }
#pragma warning disable CA1031 // Every exception is classified: documented refusal or finding.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (target.IsExpected(e))
            {
                return (null, Shape(e.Message));
            }
            return (Signature(e), $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }
    }

    /// <summary>Exception type and the first stack frame: inputs sharing it hit the same defect.</summary>
    public static string Signature(Exception e)
    {
        var frame = new StackTrace(e, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Care.", StringComparison.Ordinal) == true)
            ?? new StackTrace(e, false).GetFrame(0);
        var method = frame?.GetMethod();
        return $"{e.GetType().Name} at {method?.DeclaringType?.Name}.{method?.Name}";
    }

    /// <summary>A refusal's message with numbers and quoted text blanked: a cheap stand-in for coverage.</summary>
    private static string Shape(string message)
    {
        var shape = new StringBuilder(Math.Min(message.Length, 96));
        var quoted = false;
        foreach (var c in message)
        {
            if (shape.Length == 96)
            {
                break;
            }
            if (c == '\'')
            {
                quoted = !quoted;
                shape.Append(c);
            }
            else if (!quoted && !char.IsAsciiDigit(c))
            {
                shape.Append(c);
            }
        }
        return shape.ToString();
    }
}
