# xml.parsers.expat (pyexpat) driven directly: the handlers, ordered and dict attributes,
# namespace processing with a separator, buffer_text, the XML and DOCTYPE declarations.
from xml.parsers import expat
import pyexpat

DOC = b"""<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<!--c--><?pi  x y ?><a xmlns="u" xmlns:p="v" p:x="1" y="2">t&amp;<p:b/>\r
<c xmlns=""/><![CDATA[cd]]></a>
"""

def make(separator=None, ordered=True, buffered=True):
    parser = expat.ParserCreate(None, separator)
    log = []
    names = ["StartElementHandler", "EndElementHandler", "CharacterDataHandler",
             "CommentHandler", "ProcessingInstructionHandler", "XmlDeclHandler",
             "StartDoctypeDeclHandler", "DefaultHandlerExpand"]
    if separator is not None:
        names += ["StartNamespaceDeclHandler", "EndNamespaceDeclHandler"]
    for name in names:
        setattr(parser, name, lambda *args, name=name: log.append((name[:-7],) + args))
    parser.ordered_attributes = ordered
    parser.buffer_text = buffered
    return parser, log

for separator, ordered in ((None, True), ("}", True), (" ", False)):
    parser, log = make(separator, ordered)
    print(parser.Parse(DOC, True))
    for entry in log:
        print(" ", entry)

# fed in pieces, with the text handler's pieces joined (expat may split them)
parser, log = make("}")
for i in range(0, len(DOC), 5):
    parser.Parse(DOC[i:i + 5], False)
parser.Parse(b"", True)
merged = []
for entry in log:
    if entry[0] == "CharacterData" and merged and merged[-1][0] == "CharacterData":
        merged[-1] = ("CharacterData", merged[-1][1] + entry[1])
    else:
        merged.append(entry)
print(merged)

# str input, ParseFile, positions during parsing
parser = pyexpat.ParserCreate()
where = []
parser.StartElementHandler = lambda name, attrs: where.append(
    (name, attrs, parser.CurrentLineNumber, parser.CurrentColumnNumber))
parser.Parse("<r>\n  <s k='v'/>\n    <t/></r>", True)
print(where)
import io
parser = pyexpat.ParserCreate()
tags = []
parser.StartElementHandler = lambda name, attrs: tags.append(name)
print(parser.ParseFile(io.BytesIO(b"<r>" + b"<x/>" * 1000 + b"</r>")), len(tags), tags[:2])
print(expat.version_info >= (2, 0, 0), expat.EXPAT_VERSION.startswith("expat_"))
print(sorted(name for name in dir(expat.errors) if name.startswith("XML_ERROR_"))[:5])
print(expat.model.XML_CTYPE_EMPTY, expat.model.XML_CQUANT_PLUS)
try:
    expat.ParserCreate(namespace_separator="ab")
except ValueError as err:
    print(err)
