# issue 11: /dev/null and other non-files get the right reason, not "no such file"
args: audit /dev/null
exit: 3
--- stderr
pymode-pkg: error: '/dev/null': not a regular file or directory (a character device)
--- end
