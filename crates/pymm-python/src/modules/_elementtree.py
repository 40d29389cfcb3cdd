# pymm's _elementtree: the accelerator that xml.etree.ElementTree imports at its end. Its
# XMLParser is ElementTree's own, except that over the default TreeBuilder the tree is built
# in Rust (_elementtree_build.dispatch): the plain start tags, end tags and text of each chunk
# make elements with no Python call per event, as CPython's C XMLParser does. Everything
# else (user targets, comments, processing instructions, doctypes, namespaces, errors) goes
# through pyexpat's handlers and ElementTree's Python code, unchanged.

import sys as _sys
import _elementtree_build
import _elementtree_write

# imported by ElementTree.py at its end: its classes are defined by then
_ET = _sys.modules.get("xml.etree.ElementTree")
if _ET is None:
    import xml.etree.ElementTree as _ET

_PyXMLParser = _ET.XMLParser
_TreeBuilder = _ET.TreeBuilder
_Element = _ET.Element
_dispatch = _elementtree_build.dispatch


class XMLParser(_PyXMLParser):
    __doc__ = _PyXMLParser.__doc__

    def __init__(self, *, target=None, encoding=None):
        super().__init__(target=target, encoding=encoding)
        self._install(None, None, None, None)

    def _setevents(self, events_queue, events_to_report):
        super()._setevents(events_queue, events_to_report)
        start = end = None
        for name in events_to_report:
            if name == "start":
                start = name
            elif name == "end":
                end = name
        self._install(events_queue, [], start, end)

    def close(self):
        """Finishes the document; the target's close() result. The parser stays as it is
        (as the C parser's does): feeding it more raises expat's "parsing finished"."""
        try:
            self.parser.Parse(b"", True)
        except self._error as v:
            self._raiseerror(v)
        close = getattr(self.target, "close", None)
        if close is not None:
            return close()
        return None

    def _install(self, queue, batch, start, end):
        """Hands the plain events to the native builder when the target is the default
        TreeBuilder making ElementTree's elements (its subclasses may override anything)."""
        target = self.target
        parser = self._parser
        if type(target) is not _TreeBuilder or target._factory is not _Element:
            parser._fast = None
            return
        if batch is None or type(queue) is list:
            # XMLPullParser's list takes the (event, elem) pairs directly
            def fast(events, i):
                return _dispatch(parser, events, i, target, _Element, queue, start, end)
        else:
            def fast(events, i):
                i = _dispatch(parser, events, i, target, _Element, batch, start, end)
                if batch:
                    queue.extend(batch)
                    batch.clear()
                return i
        parser._fast = fast


XMLParser.__module__ = "xml.etree.ElementTree"

_py_serialize_xml = _ET._serialize_xml
_native_serialize_xml = _elementtree_write.serialize_xml


def _serialize_xml(write, elem, qnames, namespaces, short_empty_elements, **kwargs):
    """ElementTree's XML serializer, natively for a tree of plain elements (see
    _elementtree_write), else the Python one."""
    if not _native_serialize_xml(write, elem, qnames, namespaces, short_empty_elements,
                                 _Element):
        _py_serialize_xml(write, elem, qnames, namespaces, short_empty_elements, **kwargs)


_py_namespaces = _ET._namespaces
_plain_qnames = _elementtree_write.plain_qnames


def _namespaces(elem, default_namespace=None):
    """ElementTree's table of qualified names and namespaces, natively for a tree of
    plain names (see _elementtree_write), else by the Python function."""
    if not default_namespace:
        qnames = _plain_qnames(elem, _Element)
        if qnames is not None:
            return qnames, {}
    return _py_namespaces(elem, default_namespace)


# ElementTree.write looks its serializer up in this table, and _namespaces among the
# module's globals, on each call
_ET._serialize["xml"] = _serialize_xml
_ET._namespaces = _namespaces

def _iter(self, tag=None):
    if tag == "*":
        tag = None
    if tag is None or self.tag == tag:
        yield self
    yield from _descendants(self, tag)


_iter.__doc__ = _Element.iter.__doc__
_iter.__name__ = "iter"
_iter.__qualname__ = "Element.iter"
_Element.iter = _iter

_factories = (None, None)


def _set_factories(comment_factory, pi_factory):
    """Records ElementTree's Comment and ProcessingInstruction factories (the C module's
    TreeBuilder makes them); hands back the ones recorded before."""
    global _factories
    old = _factories
    _factories = (comment_factory, pi_factory)
    return old


__all__ = ["XMLParser"]


# Element's find methods, SubElement and append in Rust (_elementtree_element): the simple
# paths (a tag, `*`, `.`, steps joined by `/` or `//`) are walked natively, the others go
# to ElementPath, as the C module's methods do
import _elementtree_element

_ElementPath = _ET.ElementPath
_simple_path = _elementtree_element.simple_path


def _children_of(elem, tag):
    # ElementPath's child step (`for e in elem`), over the live children list
    for e in elem._children:
        if tag is None or e.tag == tag:
            yield e


def _descendants(elem, tag):
    # elem's descendants, depth first with a stack of (children, next index), as the C
    # module's iterator walks its children arrays: one generator for the whole tree, where
    # ElementTree.py's `yield from e.iter(tag)` passes each element up through every level
    # above it; ElementPath's `.//tag` and, after elem itself, `Element.iter`
    stack = []
    children = elem._children
    i = 0
    while True:
        if i < len(children):
            e = children[i]
            i += 1
            if tag is None or e.tag == tag:
                yield e
            stack.append((children, i))
            children = e._children
            i = 0
        elif stack:
            children, i = stack.pop()
        else:
            return


def _iterfind(self, path, namespaces=None):
    steps = _simple_path(path, namespaces)
    if steps is not None and len(steps) == 1:
        descendant, tag = steps[0]
        if descendant:
            return _descendants(self, tag)
        return _children_of(self, tag)
    # one generator for a one-step path; longer ones (rare) as ElementPath chains them
    return _ElementPath.iterfind(self, path, namespaces)


for _name in ("find", "findall", "findtext", "append"):
    _native = getattr(_elementtree_element, _name)
    setattr(_Element, _name, _native)
_iterfind.__doc__ = _Element.iterfind.__doc__
_iterfind.__name__ = "iterfind"
_iterfind.__qualname__ = "Element.iterfind"
_Element.iterfind = _iterfind
_ET.SubElement = _elementtree_element.SubElement
del _name, _native
