namespace Care.Epidemic.Surveillance;

/// <summary>The three CDC EARS methods (Hutwagner et al. 2003).</summary>
public enum EarsMethod
{
    /// <summary>Baseline: the previous 7 weeks.</summary>
    C1,

    /// <summary>Baseline: 7 weeks with a 2-week lag.</summary>
    C2,

    /// <summary>C2's statistic summed over the current and two previous weeks.</summary>
    C3,
}
