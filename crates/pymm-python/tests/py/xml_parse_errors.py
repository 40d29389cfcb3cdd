# Parse errors of xml.etree.ElementTree and xml.parsers.expat: expat's messages, codes and
# positions, whole documents and documents fed in pieces.
import io
import xml.etree.ElementTree as ET
from xml.parsers import expat

BAD = [
    "<a></b>", "<a>", "", "   ", "<a/><b/>", "<a>&foo;</a>", "<a x='1' x='2'/>", "<a><</a>",
    "<x:a/>", "<a><x:b/></a>", "abc<a/>", " abc <a/>", "<a>\n<b>\n</c></a>", "<a b=c/>",
    "<a>&#0;</a>", "<a></a>junk", "<a></a>\n\n  <b/>", "<a x='<'/>", "<1a/>", "<a>]]></a>",
    "<a><![CDATA[x]]></a><", "<a x='&foo;'/>", "<a>x &amp y</a>", "<a>a & b</a>",
    " <?xml version='1.0'?><a/>", "<a><?xml version='1.0'?></a>", "<a><!-- x -- y --></a>",
    "<a>\u00e9\u00e9\n\u00e9<b></a>", "<a><b></a></b>", "<a xmlns:p=''/>",
]
for text in BAD:
    try:
        root = ET.fromstring(text)
        print(repr(text), "parsed", root.tag)
    except ET.ParseError as err:
        print(repr(text), "|", err, "|", err.code, err.position, type(err).__name__)

# fed in pieces: the error comes with the piece that shows it
for pieces in (["<a><b>", "</c>"], ["<a>", "<b", " x='1'>", "text</b", "></a>", "<z/>"],
               ["<r>", "\n\n", "<s>", "&undefined;"], ["<a>", "</a>", "  "]):
    parser = ET.XMLParser()
    try:
        for piece in pieces:
            parser.feed(piece)
        print(pieces, "closed", parser.close().tag)
    except ET.ParseError as err:
        print(pieces, "|", err, "|", err.code, err.position, "at", piece)

# iterparse: the events before the error come out first
events = []
try:
    for event, elem in ET.iterparse(io.BytesIO(b"<a><b>1</b><c>2</d></a>"), ("start", "end")):
        events.append((event, elem.tag))
except ET.ParseError as err:
    print(events, err)
pull = ET.XMLPullParser()
pull.feed("<a><b/>")
pull.feed("<c></b>")
try:
    print([(e, x.tag) for e, x in pull.read_events()])
except ET.ParseError as err:
    print("pull:", err, err.code)

# pyexpat's own errors
parser = expat.ParserCreate()
try:
    parser.Parse(b"<doc>\n  <item>\n  </itm>\n</doc>", True)
except expat.ExpatError as err:
    print(err, err.code, err.lineno, err.offset, expat.ErrorString(err.code))
    print(parser.ErrorCode, parser.ErrorLineNumber, parser.ErrorColumnNumber, parser.ErrorByteIndex)
    print(expat.errors.messages[err.code], expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH])
parser = expat.ParserCreate()
parser.Parse(b"<ok/>", True)
try:
    parser.Parse(b"<more/>", True)
except expat.ExpatError as err:
    print("again:", err, err.code)
print(issubclass(ET.ParseError, SyntaxError), expat.error is expat.ExpatError, expat.ExpatError.__module__)
print(expat.errors.XML_ERROR_UNBOUND_PREFIX, expat.ErrorString(3), expat.ErrorString(9))
