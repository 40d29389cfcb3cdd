# xml.etree.ElementTree's Element API as the C accelerator has it: find/findall/findtext/
# iterfind over simple and full paths (same matches, same order), SubElement, append and
# their errors, iterfind's laziness over a tree that changes.
import xml.etree.ElementTree as ET

doc = """<r a="1">
  <a id="1"><b id="2"><a id="3"><b id="4">t4</b></a></b><b id="5"/>x</a>
  <!-- c -->
  <c id="6"><a id="7"><b id="8"></b></a><d id="9">t9</d></c>
  <?pi data?>
  <a id="10"><b id="11">t11</b><e id="12"><b id="13"/></e></a>
  <x.y id="14"><b id="15"/></x.y>
  <child-5 id="16"/>
</r>"""
root = ET.fromstring(doc, parser=ET.XMLParser(target=ET.TreeBuilder(insert_comments=True,
                                                                    insert_pis=True)))


def ids(elems):
    return [e.get("id") if isinstance(e.tag, str) else str(e.tag.__name__) for e in elems]


paths = [
    "a", "b", "*", ".", "./a", "a/b", "a/*", "*/b", "a//b", ".//a", ".//b", ".//*",
    ".//a/b", ".//a//b", "./a/./b", "c/a/b", "child-5", "x.y", "x.y/b", ".//x.y",
    "a/b/a/b", "nothing", ".//nothing", "a[1]", "a[@id='10']", ".//b[.='t4']", "..",
    "a/..", ".//b/..", "{}a", "*/*/*", ".//a[b]", "a/",
]
for path in paths:
    found = root.find(path)
    print(repr(path), ids(root.findall(path)), ids(root.iterfind(path)),
          None if found is None else found.get("id"),
          repr(root.findtext(path)), repr(root.findtext(path, "dflt")))
    for elem in root.findall(".//a"):
        assert elem.findall(path) == list(elem.iterfind(path)), path

for bad in ["/a", "//a", "a///b", ".//.", "a b", "@id", "p:a", "a[", ""]:
    for method in (root.find, root.findall, root.findtext, root.iterfind):
        try:
            result = method(bad)
            print(repr(bad), method.__name__, "->", type(result).__name__)
        except (SyntaxError, KeyError, TypeError) as exc:
            print(repr(bad), method.__name__, type(exc).__name__, exc)

# namespaces: a prefix map, a default namespace, a {uri} tag
ns = ET.fromstring('<r xmlns:p="u"><p:a id="1"><a id="2"/></p:a><a id="3"/></r>')
print(ids(ns.findall("p:a", {"p": "u"})), ids(ns.findall("{u}a")), ids(ns.findall("a")))
print(ids(ns.findall("a", {"": "u"})), ids(ns.findall(".//a", {})), ids(ns.findall(".//a", None)))
print(ids(ns.iterfind(".//a", namespaces={"": "u"})), ns.findtext("a", namespaces={}))
print(ns.find(path="a").get("id"), ns.findtext("nope", default=7))

# keyword arguments and the wrong ones
for call in (lambda: root.find(), lambda: root.find("a", None, 1),
             lambda: root.findall("a", spaces=1), lambda: root.findtext("a", 1, None, 2)):
    try:
        call()
    except TypeError as exc:
        print("TypeError", exc)
print(ET.Element.find(root, "a").get("id"), ET.Element.findall(root, "*")[-1].tag)

# iterfind is lazy: the children appended while it runs are seen, as ElementPath's are
e = ET.Element("e")
ET.SubElement(e, "k", n="0")
seen = []
for k in e.iterfind("k"):
    n = int(k.get("n"))
    seen.append(n)
    if n < 3:
        ET.SubElement(e, "k", n=str(n + 1))
print(seen)
deep = ET.Element("d")
ET.SubElement(deep, "k")
walked = 0
for k in deep.iterfind(".//k"):
    walked += 1
    if walked < 4:
        ET.SubElement(k, "k")
print(walked, len(list(deep.iter())))

# SubElement as the C module has it
p = ET.Element("p")
s1 = ET.SubElement(p, "s1")
s2 = ET.SubElement(p, "s2", {"a": "1"}, b="2")
s3 = ET.SubElement(p, "s3", attrib={"c": "3"}, d="4")
s4 = ET.SubElement(p, "s4", a="x")
d = {"k": "v"}
s5 = ET.SubElement(p, "s5", d)
d["k"] = "changed"
print([(c.tag, sorted(c.attrib.items())) for c in p], s5.get("k"), s1.text, s1.tail)
print(type(s1) is ET.Element, len(p), p[1] is s2, ET.tostring(p))


class Sub(ET.Element):
    pass


sp = Sub("sp")
child = ET.SubElement(sp, "c")
print(type(child).__name__, len(sp), sp[0] is child)
for args, kw in [((), {}), ((p,), {}), ((1, "t"), {}), ((p, "t", [1]), {}),
                 ((p, "t", {}, {}), {}), ((p, "t"), {"attrib": 5})]:
    try:
        ET.SubElement(*args, **kw)
        print("no error", args)
    except TypeError as exc:
        print("TypeError", exc)

# append
p.append(ET.Element("late"))
p.append(Sub("sub"))
print([c.tag for c in p])
for bad in ("text", None, 3):
    try:
        p.append(bad)
    except TypeError as exc:
        print("TypeError", exc)
try:
    p.append()
except TypeError:
    print("TypeError for no argument")
print(len(p), ET.tostring(p))

# XMLPullParser's queue: events read in part, more fed, errors queued in order
import io
pull = ET.XMLPullParser(events=("start", "end", "comment", "start-ns", "end-ns"))
chunks = ['<r xmlns:q="u"><a>1</a>', '<!--c--><b x="1"><q:c/></b>', "<d/>" * 3, "</r>"]
log = []


def what(payload):
    if payload is None or isinstance(payload, tuple):
        return payload
    return payload.tag if isinstance(payload.tag, str) else payload.text


for chunk in chunks:
    pull.feed(chunk)
    for n, (event, payload) in enumerate(pull.read_events()):
        log.append((event, what(payload)))
        if n == 1:
            break  # the rest stays queued for the next read_events()
pull.close()
log += [(ev, what(p)) for ev, p in pull.read_events()]
print(log)
print(list(pull.read_events()))
bad = ET.XMLPullParser()
bad.feed("<r><a/>")
bad.feed("</b>")
events = bad.read_events()
print(next(events)[0])
try:
    next(events)
except ET.ParseError as exc:
    print("ParseError", exc)
many = ET.XMLPullParser(events=("start", "end"))
many.feed("<r>" + "<e/>" * 5000)
reader = many.read_events()
first = [next(reader)[0] for _ in range(6000)]
many.feed("<f/></r>")
many.close()
rest = list(reader) + list(many.read_events())
print(len(first), len(rest), rest[-3:] and [(e, el.tag) for e, el in rest[-3:]])
it = ET.iterparse(io.BytesIO(b"<r><a><b/></a><!--x--><c>t</c></r>"), ("start", "end", "comment"))
print([(e, what(x)) for e, x in it], it.root.tag)
