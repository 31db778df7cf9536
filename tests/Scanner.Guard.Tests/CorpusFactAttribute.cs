using Scanner.Tests;

namespace Scanner.Guard.Tests;

/// <summary>A fact that needs ../shared/corpus; it reports itself as skipped (with the reason) when the corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!TestPaths.HasCorpus)
        {
            Skip = TestPaths.NoCorpusReason;
        }
    }
}

/// <summary>A theory that needs ../shared/corpus; skipped with the reason when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!TestPaths.HasCorpus)
        {
            Skip = TestPaths.NoCorpusReason;
        }
    }
}
