/* memory.c: the bundle's memory estimate against the target's limit: the
 * runtime's base plus what importing the app allocates, by the model that
 * tools/calibrate-memory fits to each profile's runtime (memory_model.h).
 * Pure arithmetic over the modules the shaker kept, or found the runtime
 * loads from source (cf-python-workers' stdlib, Pyodide's builds); no I/O.
 */
#include "bundler.h"
#include "memory_model.h"

#include <stdlib.h>
#include <string.h>

static const struct memory_model models[] = MEMORY_MODELS;

const struct memory_model *memory_model_for(const char *profile)
{
	for (size_t i = 0; profile && i < sizeof(models) / sizeof(*models); i++)
		if (!strcmp(models[i].profile, profile))
			return &models[i];
	return NULL;
}

const struct memory_model *memory_model_default(void)
{
	return &models[0];
}

/* The heap's high-water mark over the import, as the modules load in
 * order: compiling module i holds its AST and the compiler's tables (per
 * token, operand and string literal of it, and per constant of the tuple
 * and list displays of its largest code unit) on top of what the modules
 * before it keep (per module and per KiB of source); after the last one, what they all keep. The import
 * system's first use is a transient of its own (the floor). */
long long memory_model_peak(const struct memory_model *mm, const struct memory_inputs *in, long *at)
{
	long long kept = 0, best = 0;

	*at = -1;
	for (size_t i = 0; i < in->n_loads; i++) {
		const struct memory_load *l = &in->loads[i];
		long long p = kept + mm->per_token * l->tokens + mm->per_operand * l->operands +
			      mm->per_string * l->strings + mm->per_seq_const * l->seq_consts + mm->per_comp * l->comps;
		if (p > best) {
			best = p;
			*at = (long)i;
		}
		kept += mm->per_module + mm->per_kbyte * in->loads[i].bytes / 1024;
	}
	if (kept > best) {
		best = kept;
		*at = -1;
	}
	best += mm->fixed;
	if (mm->floor > best) {
		best = mm->floor;
		*at = -1;
	}
	return best;
}

long long memory_model_estimate(const struct memory_model *mm, const struct memory_inputs *in)
{
	long at;
	return memory_model_peak(mm, in, &at);
}

struct counted_module {
	const struct shake_module *m;
	long long key; /* the load order; one the walk did not order (a unit
			  test's) after those it did, in module order */
};

static int by_load_order(const void *a, const void *b)
{
	const struct counted_module *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

void bundle_memory_release(struct bundle_memory *bm)
{
	free(bm->loads);
	bm->loads = NULL;
	bm->in.loads = NULL;
	bm->in.n_loads = 0;
}

static int in_list(const char *name, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

void bundle_memory(const struct shaker *s, const char *profile, const struct target_memory *m,
		   const struct target_limits *limits, const struct native_info *variants,
		   size_t n_variants, struct bundle_memory *out)
{
	long long base = m ? m->base : 0;

	struct counted_module *cnt = xcalloc(s->modules.n ? s->modules.n : 1, sizeof(*cnt));
	size_t n_counted = 0;

	memset(out, 0, sizeof *out);
	/* the runtime's stdlib is not read: what the app imports of it beyond
	 * the boot set is missing from the estimate (the report says so) */
	out->stdlib_uncounted = s->opt.stdlib_in_runtime && !s->stdlib;
	for (size_t i = 0; i < s->modules.n; i++) {
		const struct shake_module *sm = &s->modules.v[i];
		int runtime = sm->reached && !sm->standin && sm->loads_source;
		if (!(sm->kept || runtime) || sm->reason == SR_ROOT || !sm->file)
			continue;
		if (in_list(sm->name, s->target.roots, s->target.n_roots) ||
		    (m && in_list(sm->name, m->boot, m->n_boot)))
			continue;
		if (!sm->eager) {
			out->in.lazy_modules++;
			out->in.lazy_source_bytes += sm->size;
			continue;
		}
		if (runtime && sm->dist >= 0)
			out->runtime_dist_modules++;
		else if (runtime)
			out->runtime_stdlib_modules++;
		out->in.modules++;
		out->in.source_bytes += sm->size;
		cnt[n_counted++] = (struct counted_module){ sm, sm->load_order ? sm->load_order
									    : (1LL << 40) + (long long)i };
		if (sm->tokens > out->in.largest_tokens || !out->largest_module) {
			out->in.largest_tokens = sm->tokens;
			out->largest_module = sm->name;
		}
	}
	const struct memory_model *mm = memory_model_for(profile);
	if (mm) {
		out->band_low_permille = mm->low_permille;
		out->band_high_permille = mm->high_permille;
		out->band_apps = mm->apps;
	} else
		mm = memory_model_default();
	out->model_profile = mm->profile;
	qsort(cnt, n_counted, sizeof(*cnt), by_load_order);
	out->loads = xcalloc(n_counted ? n_counted : 1, sizeof(*out->loads));
	for (size_t i = 0; i < n_counted; i++)
		out->loads[i] = (struct memory_load){ cnt[i].m->name, cnt[i].m->tokens, cnt[i].m->size,
						      cnt[i].m->operands, cnt[i].m->strings, cnt[i].m->seq_consts,
						      cnt[i].m->comps };
	out->in.loads = out->loads;
	out->in.n_loads = n_counted;
	free(cnt);
	long at;
	out->modules_bytes = memory_model_peak(mm, &out->in, &at);
	out->peak_module = at >= 0 ? out->loads[at].name : NULL;
	/* a runtime build reached with no Python source in the wheel given
	 * (native modules only): its share is not knowable here */
	for (size_t d = 0; d < s->dists.n; d++) {
		const struct shake_dist *sd = &s->dists.v[d];
		int counted = 0;
		if (!sd->provided_as || !sd->reached)
			continue;
		for (int k = sd->first_module; k < sd->first_module + sd->n_modules; k++)
			counted |= s->modules.v[k].reached && s->modules.v[k].loads_source;
		if (counted)
			out->runtime_dists++;
		else if (out->n_unsized < sizeof(out->unsized) / sizeof(*out->unsized))
			out->unsized[out->n_unsized++] = sd->name;
	}
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
