# the requirements file itself asks for a version the index lacks
dist a 1.0
dist a 0.9
require a>=2
conflict the requirement 'a>=2' (-r case) requires a>=2, but the index has only a 1.0, 0.9
