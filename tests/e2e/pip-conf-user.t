# issue 11: pip's user config (~/.config/pip/pip.conf in a temp HOME) is honoured: no-index
# and find-links from [global], and [install] overriding [global] (its find-links is the
# corpus wheelhouse; [global]'s is an empty directory, where idna cannot be found)
args: audit --format json -r $TMP/requirements.txt
exit: 0
--- file requirements.txt
idna
--- end
--- file home/.config/pip/pip.conf
# as pip writes it
[global]
no-index = true
find-links = $TMP/empty
[install]
find_links =
    $CORPUS
--- end
--- file empty/README
not a wheel
--- end
json: [(p["name"], p["version"]) for p in d["packages"]] == [("idna", "3.3")]
