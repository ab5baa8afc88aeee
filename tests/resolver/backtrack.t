# the newest a needs b>=2, which needs c<1; c is pinned >=1 by the root: a backtracks to 1.0
dist a 3.0 | b>=2
dist a 1.0 | b<2
dist b 2.0 | c<1
dist b 1.0
dist c 1.0
dist c 0.5
require a
require c>=1
expect a==1.0 b==1.0 c==1.0
