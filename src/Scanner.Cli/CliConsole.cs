using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Scanner.Cli;

/// <summary>
/// The standard streams and terminal facts one run of the command line sees. Tests build one over string writers;
/// <see cref="Terminal.Open"/> builds the process's own.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Opens standard input (for <c>scan -</c>); read once.</summary>
    public Func<TextReader> OpenInput { get; init; } = () => TextReader.Null;

    /// <summary>Whether standard output is a terminal (colour and line fitting apply only there).</summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>Columns of the terminal standard output is shown on; null when unknown or not a terminal.</summary>
    public int? Width { get; init; }

    /// <summary>The process environment (NO_COLOR, CodeBuild variables, …).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>
/// The process's console, opened without <see cref="Console"/>'s Unix terminal handling: .NET switches a terminal
/// into keypad-transmit mode (it writes <c>ESC[?1h ESC=</c> to the terminal, even when output is redirected) the
/// first time a console stream or the window size is used, and never switches it back. A command-line tool that only
/// writes text has no use for that mode, so on Unix the standard descriptors are written with write(2) (a FileStream
/// would write a redirected file at its own offset, not the shared one the shell and the next command use) and the
/// width comes from <c>COLUMNS</c> or the terminal itself.
/// </summary>
public static partial class Terminal
{
    private const int DefaultWidth = 80;

    /// <summary>The console of this process, and a way to flush it before the process ends.</summary>
    public static (CliConsole Console, Action Flush) Open()
    {
        if (OperatingSystem.IsWindows())
        {
            var windows = new CliConsole(Console.Out, Console.Error)
            {
                OpenInput = () => Console.In,
                IsOutputTerminal = !Console.IsOutputRedirected,
                Width = Console.IsOutputRedirected ? null : Console.WindowWidth,
            };
            return (windows, () => { });
        }

        var isTerminal = !Console.IsOutputRedirected;
        var output = Writer(1, autoFlush: isTerminal);
        var error = Writer(2, autoFlush: true);
        var console = new CliConsole(output, error)
        {
            OpenInput = () => new StreamReader(StandardInput(), new UTF8Encoding(false)),
            IsOutputTerminal = isTerminal,
            Width = isTerminal ? ColumnsOf(System.Environment.GetEnvironmentVariable) : null,
        };
        return (console, Flush);

        void Flush()
        {
            output.Flush();
            error.Flush();
        }
    }

    /// <summary>COLUMNS when set (shells export it, users override with it), else the terminal's own width.</summary>
    public static int ColumnsOf(Func<string, string?> environment)
    {
        if (int.TryParse(environment("COLUMNS"), out var columns) && columns > 0)
        {
            return columns;
        }

        return WindowColumns(1) is > 0 and var width ? width : DefaultWidth;
    }

    private static StreamWriter Writer(int fd, bool autoFlush) =>
        new(new DescriptorStream(fd), new UTF8Encoding(false), 16 * 1024) { AutoFlush = autoFlush, NewLine = "\n" };

    private static Stream StandardInput()
    {
        try
        {
            return new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 4096);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // A closed standard input reads as empty.
            return Stream.Null;
        }
    }

    /// <summary>The terminal's columns (Linux TIOCGWINSZ); 0 when the descriptor is not a terminal or the call is not available.</summary>
    private static int WindowColumns(int fd)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            const uint TiocGWinSz = 0x5413;
            return Ioctl(fd, TiocGWinSz, out var size) == 0 ? size.Columns : 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return 0;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [DllImport("libc", EntryPoint = "ioctl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Ioctl(int fd, nuint request, out WindowSize size);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint SysWrite(int fd, ref byte buffer, nint count);

    /// <summary>
    /// Writes to a file descriptor with write(2). When the reader of a pipe went away (<c>iacscan scan | head</c>),
    /// the rest of the output has nobody to read it, which is not an error of the scan: further writes are dropped,
    /// as the console streams do.
    /// </summary>
    private sealed class DescriptorStream(int fd) : WriteOnlyStream
    {
        private const int Interrupted = 4;
        private const int BrokenPipe = 32;
        private bool _broken;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0 && !_broken)
            {
                var written = SysWrite(fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
                if (written >= 0)
                {
                    buffer = buffer[(int)written..];
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Interrupted)
                {
                    continue;
                }

                if (errno != BrokenPipe)
                {
                    throw new IOException($"cannot write to file descriptor {fd} (error {errno})");
                }

                _broken = true;
            }
        }

        public override void Flush()
        {
        }
    }
}
