namespace PosCloud.Invoicing.Proof;

/// <summary>A 1-bit image in printer dots (true = black). The QR pair is composed once as one of
/// these, so the ESC/POS raster and the PNG preview show exactly the same modules.</summary>
public sealed class MonoBitmap
{
    private readonly bool[] _dots;

    public MonoBitmap(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width));
        Width = width;
        Height = height;
        _dots = new bool[width * height];
    }

    public int Width { get; }
    public int Height { get; }

    public bool this[int x, int y]
    {
        get => _dots[y * Width + x];
        set => _dots[y * Width + x] = value;
    }

    public void Fill(int x, int y, int w, int h)
    {
        for (var yy = y; yy < y + h; yy++)
            for (var xx = x; xx < x + w; xx++)
                this[xx, yy] = true;
    }

    /// <summary>Rows of bytes, most significant bit = leftmost dot, 1 = print (the GS v 0 format).</summary>
    public byte[] ToRasterBytes(out int bytesPerRow)
    {
        bytesPerRow = (Width + 7) / 8;
        var bytes = new byte[bytesPerRow * Height];
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                if (this[x, y]) bytes[y * bytesPerRow + x / 8] |= (byte)(0x80 >> (x % 8));
        return bytes;
    }
}

/// <summary>Where something was drawn, in dots (for cropping a code out of the preview).</summary>
public readonly record struct DotRect(int X, int Y, int Width, int Height);
