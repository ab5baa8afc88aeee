# two parents disagree on a shared dependency
dist x 1.0 | shared>=2
dist y 1.0 | shared<2
dist shared 2.0
dist shared 1.0
require x
require y
conflict y 1.0 requires shared<2, but shared 2.0 was chosen before
