# issue 11: -c paths as pip: the command line's relative to the working directory, a -c
# line inside a constraints file relative to that file; a bad line names file:line:col
args: audit --no-index -f $CORPUS -r req.txt -c sub/con.txt
exit: 3
--- file req.txt
six
--- end
--- file sub/con.txt
-c more.txt
--- end
--- file sub/more.txt
six<2 junk
--- end
--- stderr
pymode-pkg: error: sub/more.txt:1:7: invalid requirement 'six<2 junk': expected ',', ';' or the end
--- end
