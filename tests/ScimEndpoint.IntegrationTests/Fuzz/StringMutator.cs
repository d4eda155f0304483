using System.Text;

namespace ScimEndpoint.IntegrationTests.Fuzz;

/// <summary>Character-level mutations of a valid text: insert, delete, duplicate, swap, unbalance.</summary>
internal sealed class StringMutator(Random random)
{
    private const string Specials = "\"()[].\\ ,:{}$%+&=\0\u00e9\u2028\ud83d\ude00 aonteqgplsw";

    public string Mutate(string text)
    {
        var result = new StringBuilder(text);
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            var at = random.Next(result.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    result.Insert(at, Specials[random.Next(Specials.Length)]);
                    break;
                case 1 when result.Length > 0:
                    result.Remove(Math.Min(at, result.Length - 1), 1);
                    break;
                case 2 when result.Length > 0:
                    var start = Math.Min(at, result.Length - 1);
                    var length = 1 + random.Next(Math.Min(8, result.Length - start));
                    result.Insert(start, result.ToString(start, length));
                    break;
                case 3 when result.Length > 1:
                    var left = Math.Min(at, result.Length - 2);
                    (result[left], result[left + 1]) = (result[left + 1], result[left]);
                    break;
                case 4:
                    Unbalance(result);
                    break;
                default:
                    result.Insert(at, new string(Specials[random.Next(Specials.Length)], 1 + random.Next(4)));
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>Removes one quote, bracket or parenthesis, or adds a stray one.</summary>
    private void Unbalance(StringBuilder text)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => "\"()[]{}".Contains(text[i], StringComparison.Ordinal)).ToList();
        if (positions.Count > 0 && random.Next(2) == 0)
        {
            text.Remove(positions[random.Next(positions.Count)], 1);
        }
        else
        {
            text.Insert(random.Next(text.Length + 1), "\"()[]{}"[random.Next(7)]);
        }
    }
}
