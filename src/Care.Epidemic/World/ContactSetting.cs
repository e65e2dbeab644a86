namespace Care.Epidemic.World;

/// <summary>Where a contact happened; sets its typical distance, duration and radio environment.</summary>
public enum ContactSetting : byte
{
    /// <summary>Same household, every day.</summary>
    Household,

    /// <summary>Colleagues, weekdays.</summary>
    Workplace,

    /// <summary>Classmates, weekdays.</summary>
    School,

    /// <summary>Fellow passengers in the same car, weekdays (metal: a reflective radio channel).</summary>
    Transit,

    /// <summary>Anyone else (shops, streets, visits), every day.</summary>
    Random,
}
