# a requirement nothing offers
dist a 1.0 | ghost>=1
require a
conflict a 1.0 requires ghost>=1, but the index has no installable version of ghost
