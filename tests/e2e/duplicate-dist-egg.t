# issue 11: one version installed twice, as a .dist-info and as an .egg-info, is one row
args: audit --format json $TMP/site
exit: 0
--- file site/pkg/__init__.py
import json
--- end
--- file site/pkg-1.0.dist-info/METADATA
Metadata-Version: 2.1
Name: pkg
Version: 1.0
--- end
--- file site/pkg-1.0.dist-info/RECORD
pkg/__init__.py,,
pkg-1.0.dist-info/METADATA,,
pkg-1.0.dist-info/RECORD,,
--- end
--- file site/pkg-1.0.egg-info/PKG-INFO
Metadata-Version: 1.1
Name: pkg
Version: 1.0
--- end
--- file site/pkg-1.0.egg-info/top_level.txt
pkg
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("pkg", "1.0")]
