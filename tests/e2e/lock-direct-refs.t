# direct references: an -e project directory (static pyproject.toml
# metadata, its dependencies resolved from the wheelhouse), a file: URL and
# a bare wheel path pin their own files; lock writes them as pip-compile does
args: lock -q --no-index -f $CORPUS -r $TMP/req.txt
exit: 0
stdout-contains: certifi @ file://$CORPUS/certifi-2022.9.24-py3-none-any.whl \
stdout-contains: idna @ file://$CORPUS/idna-3.3-py3-none-any.whl \
stdout-contains: -e ./proj\n    # via -r $TMP/req.txt\nsix==1.16.0 \
stdout-contains:     # via\n    #   -r $TMP/req.txt\n    #   myproj\n
stdout-contains: \n    # via myproj\n
stdout-lacks: pyyaml
--- file req.txt
-e ./proj
idna @ file://$CORPUS/idna-3.3-py3-none-any.whl
$CORPUS/certifi-2022.9.24-py3-none-any.whl
--- end
--- file proj/pyproject.toml
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "myproj"
version = "0.3.0"
dependencies = [
    "six",   # from the wheelhouse
    "idna>=3",
]
[project.optional-dependencies]
yaml = ["pyyaml"]
--- end
--- file proj/myproj/__init__.py
import six
--- end
