# --fail-on takes a verdict name
args: audit --fail-on worst $TMP
exit: 2
stderr-contains: unknown verdict 'worst' for --fail-on
