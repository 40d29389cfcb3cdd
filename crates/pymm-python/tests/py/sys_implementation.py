# sys.implementation (PEP 421) and sys.version_info as struct sequences.
import sys

impl = sys.implementation
print("fields", all(hasattr(impl, f) for f in ("name", "version", "hexversion", "cache_tag")))
print("name lower", impl.name == impl.name.lower())
v = impl.version
print("version slices", v[:2] == (v.major, v.minor), len(v))
levels = {"alpha": 0xA, "beta": 0xB, "candidate": 0xC, "final": 0xF}
print("hexversion", impl.hexversion == (v.major << 24 | v.minor << 16 | v.micro << 8
                                         | levels[v.releaselevel] << 4 | v.serial))
vi = sys.version_info
print("version_info", vi[:2], vi.major, vi.minor, vi >= (3, 8), vi < (4,), len(vi))
print("version_info type", isinstance(vi, tuple), type(vi).__name__)
print("hexversion", sys.hexversion >> 16 == 0x30B)
