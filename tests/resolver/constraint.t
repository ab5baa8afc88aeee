# a constraint limits a version but installs nothing by itself
dist a 2.0 | b
dist a 1.0 | b
dist b 3.0
dist b 2.0
dist unused 1.0
require a
constrain b<3
constrain unused==1.0
expect a==2.0 b==2.0
