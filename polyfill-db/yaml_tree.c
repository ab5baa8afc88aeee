/* yaml_tree.c: the libyaml adapter. Parses one YAML document into a small
 * arena tree of scalars, sequences and mappings with line:col marks, and
 * turns libyaml's errors into "file:line:col: what". It knows no rule
 * schema (load.c does); anchors, aliases and multiple documents are refused. */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define YAML_MAX_DEPTH 64

struct yp {
	yaml_parser_t parser;
	struct arena *a;
	const char *file;
	struct perr *err;
};

static int yp_fail_at(struct yp *y, size_t line, size_t col, const char *what, const char *what2)
{
	return perr_set(y->err, PM_INPUT, "%s:%zu:%zu: %s%s", y->file, line + 1, col + 1, what,
			what2 ? what2 : "");
}

static int yp_next(struct yp *y, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&y->parser, ev)) {
		yaml_parser_t *p = &y->parser;
		const char *what = p->problem ? p->problem : "malformed YAML";
		if (p->context)
			return perr_set(y->err, PM_INPUT, "%s:%zu:%zu: %s (%s)", y->file,
					p->problem_mark.line + 1, p->problem_mark.column + 1, what,
					p->context);
		return yp_fail_at(y, p->problem_mark.line, p->problem_mark.column, what, NULL);
	}
	return 0;
}

static int yp_node(struct yp *y, yaml_event_t *ev, struct ynode **out, int depth);

static int yp_children(struct yp *y, struct ynode *n, yaml_event_type_t end_type, int depth)
{
	VEC(struct ynode *) items = VEC_INIT;
	int rc = 0;

	for (;;) {
		yaml_event_t ev;
		struct ynode *child;
		if ((rc = yp_next(y, &ev)))
			break;
		if (ev.type == end_type) {
			yaml_event_delete(&ev);
			break;
		}
		rc = yp_node(y, &ev, &child, depth + 1);
		yaml_event_delete(&ev);
		if (rc)
			break;
		if (n->type == Y_MAP && !(items.n & 1)) {
			/* a key: scalars only, and no duplicates */
			if (child->type != Y_SCALAR) {
				rc = yp_fail_at(y, child->line - 1, child->col - 1,
						"mapping keys must be plain scalars", NULL);
				break;
			}
			for (size_t i = 0; i < items.n; i += 2)
				if (!strcmp(items.v[i]->str, child->str)) {
					rc = perr_set(y->err, PM_INPUT,
						      "%s:%d:%d: duplicate key '%s' (first at line %d)",
						      y->file, child->line, child->col, child->str,
						      items.v[i]->line);
					break;
				}
			if (rc)
				break;
		}
		*VEC_PUSH(&items) = child;
	}
	if (!rc && items.n) {
		n->items = arena_alloc(y->a, items.n * sizeof(*n->items));
		memcpy(n->items, items.v, items.n * sizeof(*n->items));
		n->n = items.n;
	}
	VEC_FREE(&items);
	return rc;
}

static int yp_node(struct yp *y, yaml_event_t *ev, struct ynode **out, int depth)
{
	struct ynode *n;

	if (depth > YAML_MAX_DEPTH)
		return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column, "nested too deeply", NULL);
	n = arena_alloc(y->a, sizeof(*n));
	n->line = (int)ev->start_mark.line + 1;
	n->col = (int)ev->start_mark.column + 1;
	*out = n;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n->type = Y_SCALAR;
		if (memchr(ev->data.scalar.value, 0, ev->data.scalar.length))
			return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
					  "NUL character in a scalar", NULL);
		n->str = arena_strndup(y->a, (const char *)ev->data.scalar.value,
				       ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (ev->data.scalar.anchor)
			return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
					  "anchors are not supported", NULL);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		n->type = Y_SEQ;
		if (ev->data.sequence_start.anchor)
			return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
					  "anchors are not supported", NULL);
		return yp_children(y, n, YAML_SEQUENCE_END_EVENT, depth);
	case YAML_MAPPING_START_EVENT:
		n->type = Y_MAP;
		if (ev->data.mapping_start.anchor)
			return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
					  "anchors are not supported", NULL);
		return yp_children(y, n, YAML_MAPPING_END_EVENT, depth);
	case YAML_ALIAS_EVENT:
		return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
				  "aliases are not supported", NULL);
	default:
		return yp_fail_at(y, ev->start_mark.line, ev->start_mark.column,
				  "unexpected YAML event", NULL);
	}
}

int ytree_parse(struct arena *a, const char *file, const char *text, size_t len,
		struct ynode **root, struct perr *err)
{
	struct yp y = { .a = a, .file = file, .err = err };
	yaml_event_t ev;
	int rc = 0, docs = 0;

	*root = NULL;
	if (!yaml_parser_initialize(&y.parser))
		die_oom(sizeof(y.parser));
	yaml_parser_set_input_string(&y.parser, (const unsigned char *)text, len);
	for (;;) {
		if ((rc = yp_next(&y, &ev)))
			break;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (docs++) {
				rc = yp_fail_at(&y, ev.start_mark.line, ev.start_mark.column,
						"more than one YAML document in a rules file", NULL);
				yaml_event_delete(&ev);
				break;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT && ev.type != YAML_DOCUMENT_END_EVENT) {
			rc = yp_node(&y, &ev, root, 0);
		}
		yaml_event_delete(&ev);
		if (rc)
			break;
	}
	yaml_parser_delete(&y.parser);
	return rc;
}
