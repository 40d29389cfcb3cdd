# tempfile: mkstemp and mkdtemp make new, distinct files and folders in gettempdir().
import os
import tempfile

folder = tempfile.gettempdir()
print(os.path.isdir(folder), os.path.isabs(folder))
fd, path = tempfile.mkstemp()
fd2, path2 = tempfile.mkstemp(suffix=".xml", prefix="pre_")
print(isinstance(fd, int), path != path2, os.path.dirname(path) == folder)
print(os.path.basename(path2).startswith("pre_"), path2.endswith(".xml"))
print(os.write(fd, b"hello"), os.path.exists(path))
os.close(fd)
os.close(fd2)
with open(path, "rb") as f:
    print(f.read())
sub = tempfile.mkdtemp(prefix="d_")
print(os.path.isdir(sub), os.listdir(sub), os.path.basename(sub).startswith("d_"))
fd3, inner = tempfile.mkstemp(dir=sub)
os.close(fd3)
print(os.path.dirname(inner) == sub, len(os.path.basename(inner)))
for name in (path, path2, inner):
    os.unlink(name)
os.rmdir(sub)
print(os.path.exists(path), os.path.exists(sub))
