namespace Care.Core.Storage;

/// <summary>
/// Files that hold records or keys are for their owner only (0600; folders 0700) on Unix: a copy of
/// a wearer's record must not be readable by every account on the machine. Windows keeps its ACLs.
/// Thread safe.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="folder"/> (and missing parents) as 0700 when it does not exist; an existing folder is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (Directory.Exists(folder))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, FolderMode);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 when it does not exist; an existing file is tightened to 0600 (<see cref="Restrict"/>).</summary>
    public static void CreateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            Restrict(path);
            return;
        }
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerFile;
        }
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: make sure it is owner-only.
            Restrict(path);
        }
    }

    /// <summary>Removes group and other permissions from each existing file of <paramref name="paths"/>.</summary>
    public static void Restrict(params ReadOnlySpan<string> paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var path in paths)
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & Others) != 0)
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~Others);
            }
        }
    }
}
