namespace Scanner.Cli;

public static class ExitCodes
{
    /// <summary>Nothing at or above the --fail-on threshold.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above the threshold.</summary>
    public const int Findings = 1;

    /// <summary>Usage or configuration error: unknown option, unreadable config, missing path.</summary>
    public const int UsageError = 2;
}

/// <summary>A problem with what the user asked for; reported as one line and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
