# b is chosen first (newest), then d's only version rejects it: back up to b 1.0
dist a 1.0 | b | d
dist b 3.0
dist b 2.0
dist b 1.0
dist d 1.0 | b<2
require a
expect a==1.0 b==1.0 d==1.0
