namespace PosCloud.Reconciliation.Rules;

public static class Ean13
{
    /// <summary>13 digits whose last digit is the GS1 check digit of the first 12.</summary>
    public static bool IsValid(string code)
    {
        if (code.Length != 13) return false;
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var d = code[i] - '0';
            if (d is < 0 or > 9) return false;
            sum += i % 2 == 0 ? d : d * 3;
        }
        var check = code[12] - '0';
        return check is >= 0 and <= 9 && (10 - sum % 10) % 10 == check;
    }
}
