/* table_read.c: reads a pymode-table/2 document (table_json's output) back
 * into the model, for `pymode-table merge` and the result cache. It checks
 * the shape it needs and nothing more; it writes nothing. */
#include "report.h"

#include <string.h>

static const char *jstr(struct table *t, const struct jnode *o, const char *key)
{
	const struct jnode *v = jnode_get(o, key);
	return v && v->type == J_STRING ? arena_strdup(&t->arena, v->str) : NULL;
}

/* an array of strings: 0 and *out, *n; -1 when it is not one */
static int jstrs(struct table *t, const struct jnode *o, const char *key, const char ***out, size_t *n)
{
	const struct jnode *v = jnode_get(o, key);

	*n = 0;
	*out = NULL;
	if (!v || v->type != J_ARRAY)
		return -1;
	*out = arena_alloc(&t->arena, sizeof(**out) * (v->n ? v->n : 1));
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->type != J_STRING)
			return -1;
		(*out)[(*n)++] = arena_strdup(&t->arena, v->items[i]->str);
	}
	return 0;
}

int table_cell_read(struct table *t, const struct jnode *obj, struct table_cell *c)
{
	const char *v, *own;
	const struct jnode *fb;

	memset(c, 0, sizeof(*c));
	if (!obj || obj->type != J_OBJECT || !(v = jstr(t, obj, "verdict")) ||
	    verdict_parse(v, &c->verdict) || !(own = jstr(t, obj, "own_verdict")) ||
	    verdict_parse(own, &c->own_verdict) || jstrs(t, obj, "depends", &c->depends, &c->n_depends) ||
	    jstrs(t, obj, "loads", &c->loads, &c->n_loads))
		return -1;
	c->present = 1;
	c->through = jstr(t, obj, "through");
	c->how = jstr(t, obj, "how");
	c->notes = jstr(t, obj, "notes");
	c->check = jstr(t, obj, "check");
	fb = jnode_get(obj, "fallback");
	c->fallback = fb && fb->type == J_BOOL && fb->boolean;
	return c->how ? 0 : -1;
}

int table_read_json(struct table *t, const char *file, const char *text, size_t n, struct perr *err)
{
	struct arena tmp = ARENA_INIT;
	const struct jnode *root, *schema, *targets, *rows, *polyfills;
	struct jnode *r;
	int rc;

	if ((rc = jtree_parse(&tmp, file, text, n, &r, err)))
		goto out;
	root = r;
	schema = jnode_get(root, "schema");
	if (!schema || schema->type != J_STRING || strcmp(schema->str, TABLE_SCHEMA)) {
		rc = perr_set(err, PM_INPUT, "'%s': not a %s document", file, TABLE_SCHEMA);
		goto out;
	}
	targets = jnode_get(root, "targets");
	rows = jnode_get(root, "rows");
	polyfills = jnode_get(root, "polyfills");
	if (!targets || targets->type != J_ARRAY || !rows || rows->type != J_ARRAY) {
		rc = perr_set(err, PM_INPUT, "'%s': %s document without \"targets\" and \"rows\" arrays", file,
			      TABLE_SCHEMA);
		goto out;
	}
	for (size_t i = 0; i < targets->n; i++)
		if (targets->items[i]->type != J_STRING || table_target(t, targets->items[i]->str) < 0) {
			rc = perr_set(err, PM_INPUT, "'%s': bad target %zu", file, i + 1);
			goto out;
		}
	for (size_t i = 0; i < rows->n; i++) {
		const struct jnode *o = rows->items[i], *cells, *size;
		const char *name = jstr(t, o, "name"), *norm = jstr(t, o, "normalized_name");
		struct table_row *row;
		if (o->type != J_OBJECT || !name || !norm) {
			rc = perr_set(err, PM_INPUT, "'%s': row %zu has no name", file, i + 1);
			goto out;
		}
		row = table_row(t, name, norm, jstr(t, o, "version"));
		row->type = jstr(t, o, "type") ? jstr(t, o, "type") : "pure Python";
		row->original = jstr(t, o, "original");
		size = jnode_get(o, "size_gzip");
		if (size && size->type == J_NUMBER)
			row->size_gzip = strtoll(size->str, NULL, 10);
		if (jstrs(t, o, "provides", &row->provides, &row->n_provides)) {
			rc = perr_set(err, PM_INPUT, "'%s': row %zu ('%s') has no \"provides\" array", file,
				      i + 1, name);
			goto out;
		}
		cells = jnode_get(o, "targets");
		for (size_t k = 0; cells && cells->type == J_OBJECT && k + 1 < cells->n; k += 2) {
			int ti = table_target(t, cells->items[k]->str);
			if (ti < 0 || table_cell_read(t, cells->items[k + 1], &row->cells[ti])) {
				rc = perr_set(err, PM_INPUT, "'%s': row %zu ('%s'): bad cell for '%s'", file, i + 1,
					      name, cells->items[k]->str);
				goto out;
			}
		}
	}
	for (size_t i = 0; polyfills && polyfills->type == J_ARRAY && i < polyfills->n; i++) {
		const struct jnode *o = polyfills->items[i];
		const char *target = jstr(t, o, "target"), *pkg = jstr(t, o, "package");
		if (target && pkg)
			table_add_polyfill(t, target, pkg, jstr(t, o, "original"), jstr(t, o, "polyfill"));
	}
out:
	arena_release(&tmp);
	return rc;
}
