# xml.etree.ElementTree: building, reading and writing trees (fromstring/tostring, iter,
# find/findall with paths, attributes, text and tail).
import io
import xml.etree.ElementTree as ET

doc = """<?xml version="1.0"?>
<library name="city" open="yes">
  <!-- the shelves -->
  <shelf id="a" floor="1">
    <book year="1999" lang="en"><title>Alpha</title><price>10.5</price></book>
    <book year="2005" lang="fr"><title>Beta &amp; Gamma</title><price>7</price></book>
    text after books
  </shelf>
  <shelf id="b" floor="2">
    <book year="2011"><title>Delta &lt;3&gt;</title><price>3</price>tail-ish</book>
    <magazine year="2011"><title>Epsilon</title></magazine>
  </shelf>
  <?sort by-year?>
</library>
"""

root = ET.fromstring(doc)
print(root.tag, sorted(root.attrib.items()), len(root))
print([e.tag for e in root.iter()])
print([e.tag for e in root.iter("title")])
print([t.text for t in root.iter("title")])
print(repr(root.text), repr(root[0].text), repr(root[0].tail))
print(repr(root[0][1].tail), repr(root[1][0].text), repr(root[1][0].tail))
print("".join(root[1].itertext()).split())

# find, findall, findtext, iterfind with ElementPath expressions
print(root.find("shelf").get("id"), root.find("shelf/book/title").text)
print([b.get("year") for b in root.findall(".//book")])
print([b.get("year") for b in root.findall("shelf/*")])
print([b.tag for b in root.findall(".//*[@year='2011']")])
print([b.get("lang") for b in root.findall(".//book[@lang]")])
print([t.text for t in root.findall(".//book[title]/title")])
print([t.text for t in root.findall(".//book[title='Alpha']/price")])
print(root.find("shelf[2]").get("id"), root.find("shelf[last()]").get("floor"))
print([e.tag for e in root.findall(".//title/..")])
print(root.findtext("shelf/book/price"), repr(root.findtext("nothing", "default")))
print(root.find("missing"), root.findall("missing"), list(root.iterfind(".//price"))[1].text)

# attributes
book = root.find(".//book")
book.set("year", "2000")
book.set("new", "x")
print(book.get("year"), book.get("nope"), book.get("nope", "d"), sorted(book.keys()))
print(sorted(book.items()))
del book.attrib["new"]
print(book.attrib)

# building trees
top = ET.Element("top", {"k": "v"}, extra="e")
child = ET.SubElement(top, "child", n="1")
child.text = "hello"
child.tail = "\n"
ET.SubElement(top, "child", n="2").text = "world & <friends>"
empty = ET.SubElement(top, "empty")
top.insert(0, ET.Comment(" note "))
top.append(ET.ProcessingInstruction("target", "data here"))
print(ET.tostring(top))
print(ET.tostring(top, encoding="unicode"))
print(ET.tostring(top, encoding="utf-8"))
print(ET.tostring(top[1:3][0], method="text", encoding="unicode"))
print(ET.tostring(top, short_empty_elements=False))
print(ET.tostring(ET.fromstring("<a b='&quot;&apos;&lt;\t\n'>é€</a>")))
print(ET.tostring(ET.fromstring("<a b='x'>é€</a>"), encoding="unicode"))
print(ET.tostring(ET.fromstring("<a>é</a>"), encoding="latin-1"))
print(b"".join(ET.tostringlist(ET.fromstring("<a><b/></a>"))))

# moving, removing, slicing
top.remove(empty)
print(len(top), [c.tag for c in top if isinstance(c.tag, str)], top[1].get("n"))
top[1:2] = [ET.Element("x"), ET.Element("y")]
print([c.tag if isinstance(c.tag, str) else c.tag.__name__ for c in top][1:])
del top[1]
print(len(top), top[-1].tag is ET.ProcessingInstruction)
print(ET.iselement(top), ET.iselement("top"))
copy = top.copy() if hasattr(top, "copy") else None
clone = top.makeelement("clone", {"a": "1"})
clone.extend(list(top))
print([c.tag for c in clone if isinstance(c.tag, str)])

# ElementTree: write to a binary and a text stream, with and without a declaration
tree = ET.ElementTree(ET.fromstring("<r><s a='1'>t</s><s/></r>"))
out = io.BytesIO()
tree.write(out)
print(out.getvalue())
out = io.BytesIO()
tree.write(out, encoding="utf-8", xml_declaration=True)
print(out.getvalue())
text = io.StringIO()
tree.write(text, encoding="unicode")
print(text.getvalue())
print(tree.getroot().tag, [e.tag for e in tree.iter("s")], tree.find("s").text)
print(ET.parse(io.BytesIO(b"<doc><p>one</p><p>two</p></doc>")).findall("p")[1].text)

# indent
pretty = ET.fromstring("<a><b><c>x</c></b><d/></a>")
ET.indent(pretty, space="  ")
print(ET.tostring(pretty, encoding="unicode"))
ET.dump(ET.fromstring("<small k='v'/>"))
