# ElementTree's serialization (natively in pymm for trees of plain elements), checked
# against python3: escapes, empty elements, tails, deep trees, and the trees that take the
# Python serializer (comments, processing instructions, QName, namespaces, subclasses,
# values it rejects).
import io
import xml.etree.ElementTree as ET

root = ET.Element("root", {"a": 'q"&<>\r\n\tx', "b": "é"})
root.text = "t&<>\"'\r\n"
one = ET.SubElement(root, "one")
one.tail = "tail&<"
two = ET.SubElement(root, "two", x="1")
two.text = ""
two.tail = ""
three = ET.SubElement(root, "three")
three.text = "3"
ET.SubElement(three, "four").tail = "after four"
for kw in ({}, {"encoding": "unicode"}, {"encoding": "utf-8"}, {"encoding": "us-ascii"},
           {"encoding": "iso-8859-1"}, {"short_empty_elements": False},
           {"xml_declaration": True}, {"method": "html"}, {"method": "text"}):
    print(kw, ET.tostring(root, **kw))
print(ET.tostringlist(root))

# a deep tree (within the recursion limit of the Python serializer)
deep = top = ET.Element("d0")
for i in range(1, 400):
    deep = ET.SubElement(deep, "d%d" % i)
deep.text = "bottom"
text = ET.tostring(top)
print(len(text), text[:40], text[-40:])

# comments, processing instructions, QNames, namespaces
mixed = ET.Element("m")
mixed.append(ET.Comment(" note & "))
mixed.append(ET.ProcessingInstruction("pi", "data"))
ET.SubElement(mixed, ET.QName("urn:q", "qn")).set(ET.QName("urn:q", "k"), "v")
ET.SubElement(mixed, "{urn:x}in-ns", {"{urn:y}attr": "1", "plain": "2"})
print(ET.tostring(mixed))
print(ET.tostring(ET.fromstring('<a xmlns="urn:d"><b/></a>'), default_namespace="urn:d"))
ET.register_namespace("pfx", "urn:x")
print(ET.tostring(ET.fromstring('<r xmlns:p="urn:x"><p:s p:t="1"/></r>')))


class Sub(ET.Element):
    pass


sub = Sub("sub")
sub.append(ET.Element("child"))
print(ET.tostring(sub), ET.tostring(ET.Element("wrap") if False else sub))
wrap = ET.Element("wrap")
wrap.append(sub)
print(ET.tostring(wrap))

# values the serializer rejects
for bad in (lambda e: setattr(e, "text", 5), lambda e: e.set("k", 5),
            lambda e: setattr(e, "tail", b"bytes"), lambda e: setattr(e, "tag", 7)):
    e = ET.Element("e")
    inner = ET.SubElement(e, "i")
    bad(inner)
    try:
        print(ET.tostring(e))
    except TypeError as err:
        print("TypeError", err)

# ElementTree.write to a file object and a text stream
tree = ET.ElementTree(root)
out = io.BytesIO()
tree.write(out, encoding="utf-8", xml_declaration=True)
print(out.getvalue())
out = io.StringIO()
tree.write(out, encoding="unicode")
print(out.getvalue())

# a round trip of a parsed document
doc = b'<r k="a&amp;b">x<s>&lt;y&gt;</s>z<t/>\n</r>'
print(ET.tostring(ET.fromstring(doc)) == doc.replace(b"<t/>", b"<t />"))
