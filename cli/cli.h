/* cli.h: what cli/ files share: the subcommand entry points and the one
 * place errors are printed. Only cli/ prints errors and chooses exit codes. */
#ifndef PYMODE_CLI_H
#define PYMODE_CLI_H

#include "../common/common.h"

int cmd_audit(int argc, char **argv);
int cmd_imports(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_rules(int argc, char **argv);

/* "pymode-pkg: error: <msg>" on stderr; returns err->code. */
int cli_error(const struct perr *err);
/* For usage errors: prints the message and a hint, returns PM_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) PM_PRINTF(2, 3);
/* 1 when colour may be used on stream (a terminal and NO_COLOR unset). */
int cli_color(FILE *stream);

#endif
