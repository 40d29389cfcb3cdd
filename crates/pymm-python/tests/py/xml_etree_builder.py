# The tree XMLParser builds over the default TreeBuilder (natively in pymm, as CPython's C
# _elementtree does), checked against python3: text and tails across chunks, events mixed
# with comments, processing instructions and namespaces, errors in the middle of a document.
import io
import xml.etree.ElementTree as ET


def dump(elem, depth=0):
    for e in elem.iter():
        print(" ", repr(e.tag), sorted(e.attrib.items()), repr(e.text), repr(e.tail), len(e))


DOC = (b'<?xml version="1.0"?>\n<root a="1" b="x&amp;y">head<one>1</one>mid'
       b'<two k="v"/>tail<!-- c --><three>a&lt;b<![CDATA[<raw>]]>c</three>'
       b'<?pi data?>end<four><five>deep</five>after</four>\n</root>\n')


def show(elem):
    """An element's tag, or the kind and text of a comment or processing instruction."""
    if isinstance(elem, ET.Element) and not isinstance(elem.tag, str):
        return elem.tag.__name__, elem.text
    return getattr(elem, "tag", elem)


def feed_in(data, size, **kw):
    parser = ET.XMLParser(**kw)
    for i in range(0, len(data), size):
        parser.feed(data[i:i + size])
    return parser.close()


for size in (1, 2, 3, 7, 16, len(DOC)):
    root = feed_in(DOC, size)
    print("chunks of", size, ET.tostring(root))
dump(ET.fromstring(DOC))

# comments and processing instructions kept by the builder
tb = ET.TreeBuilder(insert_comments=True, insert_pis=True)
root = feed_in(DOC, 5, target=tb)
print("inserted", ET.tostring(root))

# a TreeBuilder subclass and a user target see every call
class Logged(ET.TreeBuilder):
    def start(self, tag, attrs):
        print("start", tag, attrs)
        return super().start(tag, attrs)

    def end(self, tag):
        print("end", tag)
        return super().end(tag)

    def data(self, text):
        # expat cuts character data where its buffers end: only the sum is compared
        return super().data(text)


print(ET.tostring(feed_in(DOC, 9, target=Logged())))


class Target:
    text = ""

    def start(self, tag, attrib):
        print("T", repr(self.text), "start", tag, attrib)
        self.text = ""

    def end(self, tag):
        print("T", repr(self.text), "end", tag)
        self.text = ""

    def data(self, text):
        self.text += text

    def close(self):
        return "closed"


print(feed_in(DOC, 11, target=Target()))

# a custom element factory
class Mine(ET.Element):
    pass


root = feed_in(DOC, 4, target=ET.TreeBuilder(element_factory=Mine))
print([type(e).__name__ for e in root.iter()])

# namespaces from the first element, and only from the middle on
NS = (b'<root><plain>x</plain><a:b xmlns:a="urn:a" a:at="1"><c xmlns="urn:d">t</c></a:b>'
      b'<after>y</after></root>')
for size in (3, len(NS)):
    print(ET.tostring(feed_in(NS, size)))
    dump(feed_in(NS, size))
print(ET.tostring(ET.fromstring('<x:r xmlns:x="urn:x"><x:s/>t</x:r>')))

# pull parsing: start/end events, with the others mixed in
for events in (("start", "end"), ("end",), ("start",), ("start", "end", "comment", "pi"),
               ("start-ns", "end-ns", "start", "end"), ()):
    pull = ET.XMLPullParser(events)
    got = []
    for i in range(0, len(DOC), 13):
        pull.feed(DOC[i:i + 13])
        got.extend((ev, show(el)) for ev, el in pull.read_events())
    pull.close()
    got.extend((ev, show(el)) for ev, el in pull.read_events())
    print(events, got)
pull = ET.XMLPullParser(("start-ns", "start", "end", "end-ns"))
pull.feed(NS)
print([(ev, show(el)) for ev, el in pull.read_events()])

events = [(ev, el.tag, el.text) for ev, el in ET.iterparse(io.BytesIO(DOC), ("start", "end"))]
print(events)
it = ET.iterparse(io.BytesIO(DOC))
for ev, el in it:
    pass
print(it.root.tag, len(it.root))

# errors in the middle of a document, after a run of plain events
BAD = [
    b'<root><a>text</a><b></c></root>',
    b'<root><a>1</a></root><junk/>',
    b'<root><a>1</a></root>tail',
    b'<root>\n  <a>1</a>\n  <b x="1" x="2"/>\n</root>',
    b'<root><a>1</a>',
    b'<root><a>&bogus;</a></root>',
    b'<root><a>1</a><b:c/></root>',
    b'<root>\n<a>\xc3\xa9\xc3\xa9</a><b>&#0;</b></root>',
]
for bad in BAD:
    for size in (5, len(bad)):
        try:
            feed_in(bad, size)
        except ET.ParseError as e:
            print(size, type(e).__name__, e, e.code, e.position)
    try:
        list(ET.iterparse(io.BytesIO(bad), ("start", "end")))
    except ET.ParseError as e:
        print("iterparse", e, e.position)

# the parser can be fed after an element ends, and reports the root at close
parser = ET.XMLParser()
parser.feed("<r>")
parser.feed("<s>one</s>")
parser.feed("two</r>")
root = parser.close()
print(root.tag, root.text, [(c.tag, c.text, c.tail) for c in root])
try:
    parser.feed("<again/>")
except ET.ParseError as e:
    print("after close:", e.code)

# elements built by the parser behave as ElementTree's own
root = ET.fromstring(DOC)
root.append(ET.Element("new"))
root[0].text = "changed"
root.set("c", "3")
print(ET.tostring(root))
print([e.tag for e in root.findall(".//five")], root.findtext("one"), root.find("four/five").text)
print(ET.tostring(ET.fromstring(ET.tostring(root))) == ET.tostring(root))

# iteration over the tree, with a tag, and while the tree changes
root = ET.fromstring(b"<a><b><c/><b/></b><c><b><d/></b></c><b/></a>")
print([e.tag for e in root.iter()], [e.tag for e in root.iter("b")],
      [e.tag for e in root.iter("*")], [e.tag for e in root[1].iter("d")])
print([e.tag for e in ET.ElementTree(root).iter("c")])
seen = []
for e in root.iter():
    seen.append(e.tag)
    if e.tag == "c" and len(seen) < 5:
        ET.SubElement(e, "added")
    if e.tag == "d":
        root.remove(root[-1])
print(seen, ET.tostring(root))
print(ET.Element.iter.__name__, ET.Element.iter.__qualname__, sum(1 for _ in root.iter()))
