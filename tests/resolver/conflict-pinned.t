# a candidate whose dependency disagrees with an earlier choice, with no older version to try
dist x 1.0
dist y 1.0 | x>=2
require x
require y
conflict y 1.0 requires x>=2, but x 1.0 was chosen before
