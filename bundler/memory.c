/* memory.c: the bundle's memory estimate against the target's limit: the
 * runtime's base plus what importing the app allocates, by the model that
 * tools/calibrate-memory fits to Pyodide measurements (memory_model.h).
 * Pure arithmetic over the shaker's kept modules; no I/O.
 */
#include "bundler.h"
#include "memory_model.h"

#include <string.h>

long long memory_model_estimate(const struct memory_inputs *in)
{
	return MEMORY_PER_MODULE * in->modules +
	       (MEMORY_PER_KBYTE * in->source_bytes + MEMORY_LARGEST_PER_KBYTE * in->largest_bytes) / 1024;
}

static int in_list(const char *name, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

void bundle_memory(const struct shaker *s, const struct target_memory *m,
		   const struct target_limits *limits, const struct native_info *variants,
		   size_t n_variants, struct bundle_memory *out)
{
	long long base = m ? m->base : 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < s->modules.n; i++) {
		const struct shake_module *sm = &s->modules.v[i];
		if (!sm->kept || sm->origin == SO_RUNTIME || sm->reason == SR_ROOT || !sm->file)
			continue;
		if (in_list(sm->name, s->target.roots, s->target.n_roots) ||
		    (m && in_list(sm->name, m->boot, m->n_boot)))
			continue;
		out->in.modules++;
		out->in.source_bytes += sm->size;
		if (sm->size > out->in.largest_bytes || !out->largest_module) {
			out->in.largest_bytes = sm->size;
			out->largest_module = sm->name;
		}
	}
	out->modules_bytes = memory_model_estimate(&out->in);
	for (size_t i = 0; i < n_variants; i++) {
		const struct native_info *v = &variants[i];
		if (v->wasm_data > 0)
			out->variant_bytes += v->wasm_data;
		else if (v->wasm_mem_min > base)
			out->variant_bytes += v->wasm_mem_min - base;
	}
	out->runtime_bytes = base;
	out->estimate_bytes = out->modules_bytes + out->variant_bytes;
	out->total_bytes = out->runtime_bytes + out->estimate_bytes;
	out->limit_bytes = limits ? limits->memory : 0;
}
