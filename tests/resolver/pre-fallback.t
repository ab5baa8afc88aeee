# pip's fallback: with no final release matching, the matching pre-releases
# are taken (packaging's SpecifierSet.filter with prereleases=None); a
# final release that matches still wins over newer pre-releases
dist a 2.0b2
dist a 2.0b1
dist b 3.0rc1
dist b 2.0
dist b 1.0
dist c 1.0 | a
require c
require b
expect a==2.0b2 b==2.0 c==1.0
