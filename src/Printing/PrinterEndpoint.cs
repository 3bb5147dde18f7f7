using System.Globalization;

namespace PosCloud.Printing;

/// <summary>Where the receipt printer is: a network printer taking raw bytes (port 9100) or a device file.</summary>
public abstract record PrinterEndpoint
{
    private PrinterEndpoint() { }

    public sealed record Network(string Host, int Port = 9100) : PrinterEndpoint
    {
        public override string ToString() => $"tcp://{Host}:{Port}";
    }

    /// <summary>E.g. /dev/usb/lp0 (Linux USB printer class) or a serial port device.</summary>
    public sealed record Device(string Path) : PrinterEndpoint
    {
        public override string ToString() => Path;
    }

    /// <summary>Configuration form: <c>tcp://host:port</c>, <c>host:port</c>, <c>host</c> (port 9100) or an absolute device path.</summary>
    public static PrinterEndpoint Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (text.StartsWith('/')) return new Device(text);
        if (text.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase)) text = text[6..];
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            return new Network(text[..colon], port);
        return new Network(text);
    }
}

public sealed record ReceiptPrinterOptions(PrinterEndpoint Endpoint)
{
    /// <summary>How long to wait for the TCP connection (a switched-off printer never answers the SYN).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the whole receipt may take to send (a jammed printer stops reading).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for each DLE EOT answer (some printers never answer).</summary>
    public TimeSpan StatusTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
