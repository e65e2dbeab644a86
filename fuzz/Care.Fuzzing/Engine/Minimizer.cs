namespace Care.Fuzzing.Engine;

/// <summary>
/// Shrinks a failing input while it keeps failing with the same signature: removes chunks of halving
/// size (delta debugging, Zeller 2002), then single bytes; bounded in attempts.
/// </summary>
internal static class Minimizer
{
    public static byte[] Minimise(IFuzzTarget target, byte[] input, string signature, int maxAttempts = 20_000)
    {
        var current = input;
        var attempts = 0;
        for (var chunk = Math.Max(1, current.Length / 2); chunk >= 1 && attempts < maxAttempts; chunk /= 2)
        {
            var at = 0;
            while (at < current.Length && attempts < maxAttempts)
            {
                var length = Math.Min(chunk, current.Length - at);
                byte[] candidate = [.. current.AsSpan(0, at), .. current.AsSpan(at + length)];
                attempts++;
                if (Outcome.Run(target, candidate).Finding == signature)
                {
                    current = candidate;
                }
                else
                {
                    at += length;
                }
            }
        }
        return current;
    }
}
