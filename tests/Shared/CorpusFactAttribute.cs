namespace Scanner.Tests;

/// <summary>A fact that needs ../shared/corpus: reported as skipped, with the reason, where the corpus is absent.</summary>
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

/// <summary>A theory that needs ../shared/corpus: reported as skipped, with the reason, where the corpus is absent.</summary>
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
