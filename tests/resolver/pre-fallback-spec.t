# the fallback looks at every requirement on the name together: b>2 has
# only 3.0rc1 to offer, so it is taken even though 2.0 is final
dist b 3.0rc1
dist b 2.0
dist c 1.0 | b
require b>2
require c
expect b==3.0rc1 c==1.0
