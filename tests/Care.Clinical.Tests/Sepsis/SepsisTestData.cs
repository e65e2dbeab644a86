using Care.Clinical.Challenge2019;

namespace Care.Clinical.Tests.Sepsis;

/// <summary>Synthetic ICU stays for fast model tests: septic stays drift towards fever, tachycardia and tachypnoea.</summary>
internal static class SepsisTestData
{
    public static PatientRecord[] Synthetic(int patients, int hours, int seed)
    {
        var rng = new Random(seed);
        var result = new PatientRecord[patients];
        for (int p = 0; p < patients; p++)
        {
            bool septic = p % 4 == 0;
            int onset = septic ? hours / 2 + rng.Next(-3, 4) : -1;
            var values = new float[hours * ChallengeColumns.InputCount];
            var labels = new bool[hours];
            for (int t = 0; t < hours; t++)
            {
                var row = values.AsSpan(t * ChallengeColumns.InputCount, ChallengeColumns.InputCount);
                row.Fill(float.NaN);
                double drift = septic && t > onset - 8 ? (t - onset + 8) / 8.0 : 0;
                row[ChallengeColumns.HR] = (float)(80 + 15 * drift + rng.NextDouble() * 10);
                row[ChallengeColumns.Resp] = (float)(16 + 4 * drift + rng.NextDouble() * 3);
                row[ChallengeColumns.SBP] = (float)(125 - 10 * drift + rng.NextDouble() * 10);
                row[ChallengeColumns.O2Sat] = (float)(97 - rng.NextDouble() * 2);
                if (t % 4 == 0)
                {
                    row[ChallengeColumns.Temp] = (float)(37 + 0.6 * drift + rng.NextDouble() * 0.3);
                }
                row[ChallengeColumns.Age] = 60;
                row[ChallengeColumns.Gender] = p % 2;
                row[ChallengeColumns.HospAdmTime] = -2;
                row[ChallengeColumns.ICULOS] = t + 1;
                labels[t] = septic && t >= onset;
            }
            result[p] = new PatientRecord($"s{p:D4}", values, labels);
        }
        return result;
    }
}
