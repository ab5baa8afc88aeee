# two parents disagree on a shared dependency
dist x 1.0 | shared>=2
dist y 1.0 | shared<2
dist shared 2.0
dist shared 1.0
require x
require y
conflict conflicting requirements for shared: x 1.0 requires shared>=2; y 1.0 requires shared<2 (the index has shared 2.0, 1.0)
