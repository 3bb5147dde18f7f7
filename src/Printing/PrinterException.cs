namespace PosCloud.Printing;

public enum PrintFailure
{
    ConnectTimeout,
    Unreachable,
    WriteTimeout,
    IoError,
    NotReady,
}

/// <summary>A print that did not reach the printer, with a reason fit to show the clerk.</summary>
public sealed class PrinterException : Exception
{
    public PrinterException(PrintFailure failure, string message, Exception? inner = null) : base(message, inner) => Failure = failure;

    public PrintFailure Failure { get; }
}
