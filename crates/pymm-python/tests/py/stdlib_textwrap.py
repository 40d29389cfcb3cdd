# textwrap: wrap, fill, shorten, dedent, indent; str.splitlines with every line boundary and keepends.
import textwrap
text = ("The quick brown fox jumps over the lazy dog. A well-known example of a pangram, "
        "used to display typefaces and test keyboards; supercalifragilisticexpialidocious words "
        "get broken.\tTabs too.")
for width in (10, 20, 35, 70):
    print(textwrap.wrap(text, width))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap("well-known hyphen-ated", 8), textwrap.wrap("a-b-c d", 3), textwrap.wrap("x" * 12, 5))
print(textwrap.wrap("no breaks here", 5, break_long_words=False), textwrap.wrap("", 5), textwrap.wrap("   ", 5))
print(textwrap.shorten("Hello  world, this is long", 15), textwrap.shorten("Short", 10))
print(textwrap.wrap(text, 25, max_lines=2))
print(repr(textwrap.dedent("    a\n      b\n\n    c\n")), repr(textwrap.dedent("  x\n\ty")))
print(repr(textwrap.indent("a\n\nb\n", "> ")), repr(textwrap.indent("a\nb", "+", lambda l: True)))
print(textwrap.fill("Sentence one.  Sentence two. x", 15, fix_sentence_endings=True))
print("a\nb\r\nc\rd\x0be\x1cf\u2028g".splitlines(), "a\nb\r\n".splitlines(True), "".splitlines(), "x\n".splitlines())
