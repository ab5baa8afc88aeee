# extras pull in their dependencies; a later extra on a chosen package too
dist web 1.0 | http[socks] | json ; extra == "fast"
dist http 2.0 | socks ; extra == "socks" | idna
dist socks 1.0
dist idna 3.0
dist json 1.0
require web[fast]
expect http==2.0 idna==3.0 json==1.0 socks==1.0 web==1.0
via socks http
