# newest versions that satisfy everything; transitive deps; markers for the target
dist a 2.0 | b>=1 | c; python_version < "3.0"
dist a 1.0
dist b 1.5
dist b 1.0
dist c 1.0
require a
expect a==2.0 b==1.5
via b a
