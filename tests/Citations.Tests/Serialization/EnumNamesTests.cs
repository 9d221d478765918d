using Citations.Serialization;

namespace Citations.Tests.Serialization;

[TestClass]
public sealed class EnumNamesTests
{
    private enum Sample
    {
        One,
        TwoWords,
        ThreeWordsHere,
    }

    [TestMethod]
    public void KebabCase_MemberNames_AreKebabCase()
        => CollectionAssert.AreEqual(new[] { "one", "two-words", "three-words-here" }, EnumNames<Sample>.KebabCase().Names.ToArray());

    [TestMethod]
    public void Constructor_MissingMember_Throws()
        => Assert.ThrowsExactly<ArgumentException>(() => new EnumNames<Sample>((Sample.One, "one"), (Sample.TwoWords, "two")));

    [TestMethod]
    public void Constructor_SameNameTwice_Throws()
        => Assert.ThrowsExactly<ArgumentException>(() => new EnumNames<Sample>((Sample.One, "x"), (Sample.TwoWords, "x"), (Sample.ThreeWordsHere, "y")));

    [TestMethod]
    public void TryParse_UnknownOrNull_IsFalse()
    {
        var names = EnumNames<Sample>.KebabCase();
        Assert.IsTrue(names.TryParse("two-words", out var value));
        Assert.AreEqual(Sample.TwoWords, value);
        Assert.IsFalse(names.TryParse("TwoWords", out _));
        Assert.IsFalse(names.TryParse(null, out _));
        Assert.AreEqual("'one', 'two-words' or 'three-words-here'", names.Describe());
    }
}
