namespace Care.Cardio.Classes;

/// <summary>The AAMI EC57 beat classes.</summary>
public enum AamiClass
{
    /// <summary>Normal and bundle-branch-block beats, escape beats (N, L, R, e, j).</summary>
    N = 0,

    /// <summary>Supraventricular ectopic beats (A, a, J, S).</summary>
    S = 1,

    /// <summary>Ventricular ectopic beats (V, E).</summary>
    V = 2,

    /// <summary>Fusion of ventricular and normal beats (F).</summary>
    F = 3,

    /// <summary>Paced, paced fusion and unclassifiable beats (/, f, Q).</summary>
    Q = 4,
}

/// <summary>Maps MIT annotation codes to AAMI classes.</summary>
public static class AamiClasses
{
    /// <summary>The number of classes.</summary>
    public const int Count = 5;

    /// <summary>The AAMI class of a MIT beat annotation code, or null for codes that are not beats.</summary>
    public static AamiClass? Of(int code) => code switch
    {
        1 or 2 or 3 or 34 or 11 => AamiClass.N,   // N L R e j
        8 or 4 or 7 or 9 => AamiClass.S,          // A a J S
        5 or 10 => AamiClass.V,                   // V E
        6 => AamiClass.F,                         // F
        12 or 38 or 13 => AamiClass.Q,            // / f Q
        _ => null,
    };

    /// <summary>The annotation code written for a class (N, A, V, F, Q).</summary>
    public static byte Code(AamiClass c) => c switch
    {
        AamiClass.N => 1,
        AamiClass.S => 8,
        AamiClass.V => 5,
        AamiClass.F => 6,
        _ => 13,
    };
}
