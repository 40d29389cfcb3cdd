# xml.etree.ElementTree's parsers: namespaces, iterparse events, XMLPullParser fed in pieces
# (down to a byte at a time), references, CDATA, comments and processing instructions.
import io
import xml.etree.ElementTree as ET

NS_DOC = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:m="urn:media" m:version="2">
  <title type="text">News &#x2014; today</title>
  <entry m:id="1"><m:thumb url="a.png"/><title>One</title></entry>
  <entry m:id="2" xmlns:m="urn:other"><m:thumb url="b.png"/></entry>
  <plain xmlns="">no namespace</plain>
</feed>"""

root = ET.fromstring(NS_DOC)
print(root.tag, sorted(root.attrib.items()))
print([e.tag for e in root.iter()])
ns = {"a": "http://www.w3.org/2005/Atom", "m": "urn:media"}
print([e.get("{urn:media}id") for e in root.findall("a:entry", ns)])
print(root.find("a:entry/m:thumb", ns).get("url"), root.find("{urn:other}thumb"))
print([e.get("url") for e in root.iter("{urn:other}thumb")])
print(root.findtext("a:title", namespaces=ns), root.find("plain").text)
print(root.findall(".//{*}thumb")[1].get("url"), [e.tag for e in root.findall("{*}entry")])
print(ET.tostring(root.find("a:entry", ns)))
ET.register_namespace("atom", "http://www.w3.org/2005/Atom")
print(ET.tostring(root.find("a:entry", ns), encoding="unicode"))
print(ET.tostring(ET.fromstring("<x:a xmlns:x='u'><x:b/></x:a>"), default_namespace="u"))

# iterparse over a file-like object: every kind of event
events = ("start", "end", "start-ns", "end-ns", "comment", "pi")
for event, item in ET.iterparse(io.BytesIO(NS_DOC), events):
    if event in ("start", "end"):
        print(event, item.tag, repr(item.text))
    else:
        print(event, item if not hasattr(item, "tag") else item.text)
it = ET.iterparse(io.BytesIO(b"<a><b>1</b><b>2</b></a>"))
print([(event, elem.tag, elem.text) for event, elem in it], it.root.tag)

# a pull parser fed one byte at a time, then in uneven chunks
DOC = ("<?xml version='1.0'?>\r\n<!-- top -->\n<doc a='1 &amp; 2' b=\"&#65;&#x42;\">"
       "caf\u00e9 &lt;&gt;&amp;&quot;&apos; <![CDATA[<raw> & ]]>x\r\n"
       "<?app do this?><e/><f g='h'>\u20ac\U0001F600</f>tail</doc>\n").encode("utf-8")
for size in (1, 2, 3, 7, 64):
    parser = ET.XMLPullParser(("start", "end", "comment", "pi"))
    seen = []
    for i in range(0, len(DOC), size):
        parser.feed(DOC[i:i + size])
        seen.extend((event, getattr(item, "tag", None) if event in ("start", "end")
                     else item.text) for event, item in parser.read_events())
    parser.close()
    seen.extend((event, None) for event, item in parser.read_events())
    print(size, seen)
builder = ET.TreeBuilder(insert_comments=True, insert_pis=True)
parser = ET.XMLParser(target=builder)
parser.feed(DOC)
doc = parser.close()
print(repr(doc.text), sorted(doc.attrib.items()), [(c.tag if isinstance(c.tag, str) else "special", c.text, c.tail) for c in doc])

# a custom target sees the raw callbacks
class Target:
    def __init__(self):
        self.log = []
    def start(self, tag, attrib):
        self.log.append(("start", tag, sorted(attrib.items())))
    def end(self, tag):
        self.log.append(("end", tag))
    def data(self, data):
        self.log.append(("data", data))
    def comment(self, text):
        self.log.append(("comment", text))
    def pi(self, target, data):
        self.log.append(("pi", target, data))
    def close(self):
        return self.log
parser = ET.XMLParser(target=Target())
parser.feed("<r x='1'><!--c-->text<?p  q r?><s/>\n</r>")
print(parser.close())
print(ET.XML("<a>\u00e9</a>").text, ET.fromstringlist(["<a>", "b", "</a>"]).text)
print(ET.fromstring("<a>&#60;&#x3E;</a>").text, ET.fromstring(b"<?xml version='1.0' encoding='iso-8859-1'?><a>\xe9</a>").text)

# the first namespace declaration deep in a document, after elements in no namespace
LATE = b"<a><b x='1'><c xmlns:p='urn:p'><p:d p:k='v' xml:lang='en'/></c></b><e xmlns='urn:e'><f/></e><g/></a>"
for event, item in ET.iterparse(io.BytesIO(LATE), ("start", "end", "start-ns", "end-ns")):
    print(event, item.tag if hasattr(item, "tag") else item,
          sorted(item.attrib.items()) if hasattr(item, "attrib") else "")
