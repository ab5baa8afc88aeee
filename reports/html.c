/* html.c: the audit's and the bundle's reports as one self-contained HTML
 * page each. The audit's is static: the gate, the verdicts with why and the
 * remedy, what was not audited, the target's limits. The bundle's adds a
 * treemap by package and file (the stdlib grouped by module), switchable
 * raw/gzip/brotli, drawn by the page's own script from the JSON report
 * inlined in it, with a legend that labels and colours every package. The
 * pages load nothing: cited sources are links (navigation), never fetched.
 * Rendering only. */
#include "report.h"

#include <string.h>

static void esc(struct strbuf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		default: strbuf_addch(out, *s);
		}
}

/* s escaped, each https:// URL in it a link (cited sources: Cloudflare's
 * documentation, PyMode's, the workers-sdk PR); the URL ends at a space,
 * ';', a closing parenthesis or a quote */
static void esc_linked(struct strbuf *out, const char *s)
{
	while (s && *s) {
		const char *u = strstr(s, "https://");
		if (!u) {
			esc(out, s);
			return;
		}
		for (const char *p = s; p < u; p++)
			esc(out, (char[2]){ *p, 0 });
		size_t n = strcspn(u, " ;)\"'<>");
		while (n > 8 && (u[n - 1] == '.' || u[n - 1] == ','))
			n--;
		struct strbuf url = STRBUF_INIT;
		strbuf_add(&url, u, n);
		strbuf_addstr(out, "<a href=\"");
		esc(out, url.buf);
		strbuf_addstr(out, "\" rel=\"noreferrer\">");
		esc(out, url.buf);
		strbuf_addstr(out, "</a>");
		strbuf_release(&url);
		s = u + n;
	}
}

static void size_cell(struct strbuf *out, long long n)
{
	strbuf_addstr(out, "<td class=\"num\">");
	report_size(out, n);
	strbuf_addstr(out, "</td>");
}

static const char css[] =
	"body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;max-width:1400px}\n"
	"h1{font-size:19px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 6px}\n"
	".sub{color:#555;margin:0 0 10px}\n"
	".gate{padding:8px 10px;border-radius:4px;margin:8px 0}\n"
	".pass{background:#e3f4e1}.warn{background:#fff3cd}.fail{background:#fbe0e0}\n"
	"table{border-collapse:collapse;margin-top:6px;max-width:100%}\n"
	"td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}\n"
	"td.text{overflow-wrap:anywhere}.num{text-align:right}tr.source td{color:#555;font-size:13px;border-top:0}\n"
	".v-compatible,.v-fallback{color:#1a7f37}.v-polyfill,.v-variant{color:#9a6700}.v-unsupported{color:#b00;font-weight:600}\n"
	".over{color:#b00;font-weight:600}\ncode{font-size:13px;overflow-wrap:anywhere}\n"
	"a{color:#0550ae;overflow-wrap:anywhere}\n";

static const char *verdict_class(enum verdict v)
{
	static const char *c[] = { "v-compatible", "v-fallback", "v-polyfill", "v-variant", "v-unsupported" };
	return c[v];
}

/* the package whose own finding gives p its verdict, and that finding */
static const struct finding *blocking_finding(const struct audit *a, const struct package_report *p)
{
	const struct package_report *b = report_blocking(a, p);

	for (size_t k = 0; k < b->findings.n; k++)
		if (b->findings.v[k].severity == b->own_verdict)
			return b->findings.v[k].n_members ? &b->findings.v[k].members[0] : &b->findings.v[k];
	return NULL;
}

/* the verdicts: package, version, verdict (through), why, remedy */
static void verdicts_html(struct strbuf *out, const struct audit *a)
{
	strbuf_addstr(out, "<table id=\"verdicts\"><thead><tr><th>package</th><th>version</th><th>verdict</th>"
			   "<th>why</th><th>remedy</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		const struct finding *f = blocking_finding(a, p);
		struct strbuf why = STRBUF_INIT;
		if (p->verdict > V_COMPATIBLE || (f && f->severity > V_COMPATIBLE))
			report_blocker(&why, a, p);
		strbuf_addstr(out, "<tr data-package=\"");
		esc(out, p->name);
		strbuf_addstr(out, "\"><td>");
		esc(out, p->name);
		strbuf_addstr(out, "</td><td>");
		esc(out, p->version);
		strbuf_addf(out, "</td><td class=\"%s\">%s", verdict_class(p->verdict), verdict_name(p->verdict));
		if (p->through) {
			strbuf_addstr(out, " (through ");
			esc(out, p->through);
			strbuf_addch(out, ')');
		}
		strbuf_addstr(out, "</td><td class=\"text\">");
		esc(out, why.buf);
		strbuf_addstr(out, "</td><td class=\"text\">");
		if (f && f->remedy && p->verdict > V_COMPATIBLE) {
			strbuf_addf(out, "%s: ", remedy_kind_name(f->remedy_kind));
			esc(out, f->remedy);
		}
		strbuf_addstr(out, "</td></tr>\n");
		strbuf_release(&why);
	}
	strbuf_addstr(out, "</tbody></table>\n");
}

static void not_audited_html(struct strbuf *out, const struct audit *a)
{
	int any = 0;

	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		struct strbuf m = STRBUF_INIT;
		size_t n = report_missing_tops(&m, p);
		if (!p->n_not_audited && !n) {
			strbuf_release(&m);
			continue;
		}
		if (!any++)
			strbuf_addstr(out, "<h2>Not audited</h2><p>Their verdicts are not known:</p><ul id=\"not-audited\">\n");
		if (p->n_not_audited) {
			strbuf_addstr(out, "<li><code>");
			esc(out, p->name);
			strbuf_addstr(out, "</code> depends on");
			for (size_t k = 0; k < p->n_not_audited; k++) {
				strbuf_addstr(out, k ? ", " : " ");
				esc(out, p->not_audited[k]);
			}
			strbuf_addstr(out, a->deps_not_followed ? " (--no-deps: dependencies not followed)</li>\n"
							      : ": not found in the inputs</li>\n");
		}
		if (n) {
			strbuf_addstr(out, "<li><code>");
			esc(out, p->name);
			strbuf_addstr(out, "</code> imports ");
			esc(out, m.buf);
			strbuf_addf(out, ": no input provides %s</li>\n", n == 1 ? "it" : "them");
		}
		strbuf_release(&m);
	}
	if (any)
		strbuf_addstr(out, "</ul>\n");
	if (a->n_unresolved) {
		strbuf_addstr(out, "<h2>Not resolved</h2><p>The requirements conflict:");
		for (size_t k = 0; k < a->n_unresolved; k++) {
			strbuf_addstr(out, k ? ", " : " ");
			esc(out, a->unresolved[k]);
		}
		strbuf_addstr(out, "</p>");
		if (a->conflict) {
			strbuf_addstr(out, "<pre>");
			esc(out, a->conflict);
			strbuf_addstr(out, "</pre>");
		}
		strbuf_addch(out, '\n');
	}
}

void report_html(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	const struct target_info *t = &a->target;
	const char *app = report_app_name(a);
	struct strbuf title = STRBUF_INIT;
	size_t counts[5];

	if (app)
		strbuf_addf(&title, "pymode-audit of %s for %s", app, t->name);
	else
		strbuf_addf(&title, "pymode-audit of %zu packages for %s", a->packages.n, t->name);
	strbuf_addstr(out, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(out, title.buf);
	strbuf_addf(out, "</title>\n<style>\n%s</style></head><body>\n<h1 id=\"title\">", css);
	esc(out, title.buf);
	strbuf_addstr(out, "</h1>\n<p class=\"sub\">Python ");
	esc(out, t->python_version);
	if (t->description) {
		strbuf_addstr(out, " · ");
		esc(out, t->description);
	}
	strbuf_addstr(out, "</p>\n");
	if (o && o->has_gate) {
		int failed = a->packages.n && audit_worst(a) >= o->fail_on;
		strbuf_addf(out, "<p id=\"gate\" class=\"gate %s\"><b>Gate <code>--fail-on %s</code> %s</b>",
			    failed ? "fail" : "pass", verdict_name(o->fail_on), failed ? "failed" : "passed");
		for (size_t i = 0, n = 0; failed && i < a->packages.n; i++)
			if (a->packages.v[i].verdict >= o->fail_on) {
				strbuf_addstr(out, n++ ? ", " : ": ");
				esc(out, a->packages.v[i].name);
				strbuf_addf(out, " (%s)", verdict_name(a->packages.v[i].verdict));
			}
		strbuf_addstr(out, "</p>\n");
	}
	audit_counts(a, counts);
	strbuf_addf(out, "<p id=\"summary\"><b>%zu package%s</b>:", a->packages.n, a->packages.n == 1 ? "" : "s");
	for (int v = V_UNSUPPORTED, first = 1; v >= V_COMPATIBLE; v--)
		if (counts[v]) {
			strbuf_addf(out, "%s <span class=\"%s\">%zu %s</span>", first ? "" : ",", verdict_class((enum verdict)v),
				    counts[v], verdict_name((enum verdict)v));
			first = 0;
		}
	strbuf_addstr(out, "</p>\n");
	not_audited_html(out, a);
	if (a->deps_not_followed)
		strbuf_addstr(out, "<p>Dependencies not followed (<code>--no-deps</code>): only the requirements given "
				   "were audited.</p>\n");
	if (a->packages.n) {
		strbuf_addstr(out, "<h2>Verdicts</h2>\n");
		verdicts_html(out, a);
	}
	if (t->n_size_limits || t->limits.memory) {
		strbuf_addf(out, "<h2>Limits on %s</h2><p><code>pymode-bundle</code> measures a bundle against them.</p>\n"
				 "<table id=\"limits\"><thead><tr><th>limit</th><th>size</th><th>the runtime's share</th>"
				 "<th>left for the bundle</th><th>source</th></tr></thead><tbody>\n", t->name);
		for (size_t i = 0; i < t->n_size_limits; i++) {
			const struct size_limit *l = &t->size_limits[i];
			strbuf_addstr(out, "<tr><td>");
			esc(out, l->name);
			strbuf_addstr(out, "</td><td class=\"num\">");
			report_size(out, l->bytes);
			strbuf_addf(out, " %s</td><td class=\"text\">", l->measure);
			if (l->overhead) {
				report_size(out, l->overhead);
				strbuf_addf(out, " (%s)", report_target_runtime(a));
			} else {
				strbuf_addstr(out, "none");
			}
			strbuf_addstr(out, "</td><td class=\"num\">");
			report_size(out, l->bytes - l->overhead);
			strbuf_addstr(out, "</td><td class=\"text\">");
			esc_linked(out, l->source);
			strbuf_addstr(out, "; ");
			esc(out, l->date);
			strbuf_addstr(out, "</td></tr>\n");
		}
		if (t->limits.memory) {
			strbuf_addstr(out, "<tr><td>memory</td><td class=\"num\">");
			report_size(out, t->limits.memory);
			strbuf_addstr(out, "</td><td></td><td></td><td class=\"text\">the target's profile (<code>pymode-bundle</code> "
					   "estimates the runtime's base plus what the app loads)</td></tr>\n");
		}
		strbuf_addstr(out, "</tbody></table>\n");
	}
	strbuf_addstr(out, "</body></html>\n");
	strbuf_release(&title);
}

/* ---- the bundle's page ---- */

static const char treemap_css[] =
	"#controls{margin:8px 0}\n"
	"#map{position:relative;width:100%;height:min(560px,90vw);border:1px solid #999;background:#eee;overflow:hidden}\n"
	".pkg{position:absolute;box-sizing:border-box;border:2px solid #fff;overflow:hidden}\n"
	".pkg>.label{position:absolute;left:0;top:0;max-width:100%;box-sizing:border-box;font-weight:600;font-size:12px;"
	"padding:1px 4px;white-space:nowrap;overflow:hidden}\n"
	".file{position:absolute;box-sizing:border-box;border:1px solid rgba(255,255,255,.55);overflow:hidden;"
	"font-size:11px;padding:0 2px;white-space:nowrap}\n"
	"#legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 14px}\n"
	"#legend li{white-space:nowrap}#legend .sw{display:inline-block;width:12px;height:12px;margin-right:4px;"
	"vertical-align:-1px;border:1px solid #666}\n";

/* the treemap: squarified (Bruls, Huizing, van Wijk); colours by package,
 * distinct; labels only where they fit whole, the legend names them all */
static const char treemap_js[] =
	"(function(){\n"
	"var R=JSON.parse(document.getElementById('report').textContent);\n"
	"var S=R.bundle.sizes;\n"
	"function fmt(n){if(n<1024)return n+' B';if(n<1048576)return (n/1024).toFixed(1)+' KiB';"
	"return (n/1048576).toFixed(2)+' MiB';}\n"
	"var order=S.packages.map(function(p){return p.name;}),pkgs={};\n"
	"order.forEach(function(n){pkgs[n]=[];});\n"
	"S.files.forEach(function(f){var p=f.package||(f.output=='stdlib.zip'?'stdlib':f.output);"
	"if(!pkgs[p]){pkgs[p]=[];order.push(p);}pkgs[p].push(f);});\n"
	/* the stdlib grouped by top-level module: the files under email/ are 'email' */
	"function parts(p,m){var fs=pkgs[p];if(p!='stdlib')return fs.map(function(f){return {name:f.path,v:f[m],n:1};});"
	"var g={};fs.forEach(function(f){var k=f.path.split('/')[0].replace(/\\.py$/,'');"
	"g[k]=g[k]||{name:k,v:0,n:0};g[k].v+=f[m];g[k].n++;});return Object.keys(g).map(function(k){return g[k];});}\n"
	"var palette=['#4e79a7','#f28e2b','#e15759','#76b7b2','#59a14f','#edc948','#b07aa1','#ff9da7','#9c755f','#bab0ac'];\n"
	"var colour={};order.forEach(function(n,k){colour[n]=k<palette.length?palette[k]:"
	"'hsl('+Math.round((k*137.508)%360)+',55%,'+(k%2?'42%':'62%')+')';});\n"
	"function ink(c){var d=document.createElement('i');d.style.color=c;document.body.appendChild(d);"
	"var m=getComputedStyle(d).color.match(/\\d+/g);d.remove();"
	"return (0.299*m[0]+0.587*m[1]+0.114*m[2])>150?'#111':'#fff';}\n"
	"function worst(row,w,sum){var mx=0,mn=1/0;row.forEach(function(r){mx=Math.max(mx,r);mn=Math.min(mn,r);});"
	"var s2=sum*sum,w2=w*w;return Math.max(w2*mx/s2,s2/(w2*mn));}\n"
	"function squarify(items,x,y,w,h){var out=[],rest=items.filter(function(i){return i.v>0;})"
	".sort(function(a,b){return b.v-a.v;});\n"
	"var total=rest.reduce(function(a,b){return a+b.v;},0);if(!total||w<=0||h<=0)return out;"
	"var scale=w*h/total,area=rest.map(function(i){return i.v*scale;}),k=0;\n"
	"while(k<rest.length){var side=Math.min(w,h),row=[],sum=0;"
	"while(k+row.length<rest.length){var c=area[k+row.length];"
	"if(row.length&&worst(row.concat([c]),side,sum+c)>worst(row,side,sum))break;row.push(c);sum+=c;}\n"
	"var t=sum/side,o=0;row.forEach(function(a,j){var l=a/t,i=rest[k+j];"
	"if(w>=h)out.push({i:i,x:x,y:y+o,w:t,h:l});else out.push({i:i,x:x+o,y:y,w:l,h:t});o+=l;});"
	"k+=row.length;if(w>=h){x+=t;w-=t;}else{y+=t;h-=t;}}\nreturn out;}\n"
	/* a label that does not fit whole is shortened, then left to the legend */
	"function fits(el,box){return el.scrollWidth<=el.clientWidth&&el.offsetHeight<=box.clientHeight&&"
	"el.offsetWidth<=box.clientWidth;}\n"
	/* a sliver narrower than its border takes a thinner one: it stays inside the map */
	"function place(d,r,bw){d.style.left=r.x+'px';d.style.top=r.y+'px';d.style.width=r.w+'px';d.style.height=r.h+'px';"
	"d.style.borderWidth=Math.min(bw,Math.floor(Math.min(r.w,r.h)/2))+'px';}\n"
	"function draw(){var m=document.getElementById('measure').value,map=document.getElementById('map');"
	"map.innerHTML='';var W=map.clientWidth,H=map.clientHeight;\n"
	"var items=order.map(function(p){return {name:p,v:pkgs[p].reduce(function(a,f){return a+f[m];},0)};});\n"
	"squarify(items,0,0,W,H).forEach(function(r){var d=document.createElement('div'),p=r.i.name;d.className='pkg';"
	"d.dataset.package=p;place(d,r,2);d.style.background=colour[p];d.style.color=ink(colour[p]);"
	"d.title=p+': '+fmt(r.i.v)+' '+m;map.appendChild(d);\n"
	"var lab=document.createElement('div');lab.className='label';lab.textContent=p+' '+fmt(r.i.v);d.appendChild(lab);"
	"if(!fits(lab,d))lab.textContent=p;if(!fits(lab,d)){lab.remove();lab=null;d.dataset.label='legend';}\n"
	"var top=lab?lab.offsetHeight:0;\n"
	"squarify(parts(p,m),0,top,Math.max(d.clientWidth,0),Math.max(d.clientHeight-top,0)).forEach(function(q){"
	"var e=document.createElement('div');e.className='file';place(e,q,1);e.dataset.name=q.i.name;"
	"e.title=q.i.name+(q.i.n>1?' ('+q.i.n+' files)':'')+': '+fmt(q.i.v)+' '+m;d.appendChild(e);"
	"e.textContent=q.i.name;if(e.scrollWidth>e.clientWidth||e.clientHeight<12)e.textContent='';});});\n"
	"var lg=document.getElementById('legend');lg.innerHTML='';var tot=items.reduce(function(a,b){return a+b.v;},0);\n"
	"items.forEach(function(it){var li=document.createElement('li');li.dataset.package=it.name;"
	"var sw=document.createElement('span');sw.className='sw';sw.style.background=colour[it.name];li.appendChild(sw);"
	"var t=it.name+' '+fmt(it.v)+' ('+(tot?(100*it.v/tot).toFixed(1):'0.0')+'%)';"
	"if(it.name=='stdlib'){var top3=parts('stdlib',m).sort(function(a,b){return b.v-a.v;}).slice(0,3)"
	".map(function(g){return g.name;});if(top3.length)t+=', largest: '+top3.join(', ');}\n"
	"li.appendChild(document.createTextNode(t));lg.appendChild(li);});}\n"
	"document.getElementById('measure').addEventListener('change',draw);draw();\n"
	"var rt;window.addEventListener('resize',function(){clearTimeout(rt);rt=setTimeout(draw,100);});\n"
	"document.body.dataset.ready='1';\n"
	"})();\n";

static void verify_html(struct strbuf *out, const struct verify_result *v)
{
	strbuf_addstr(out, "<li><code>");
	esc(out, v->runtime);
	strbuf_addstr(out, "</code>: ");
	if (!v->ran) {
		if (!v->inconclusive)
			strbuf_addstr(out, "skipped: ");
		esc(out, v->skipped);
	} else if (v->ok) {
		strbuf_addstr(out, "<span class=\"v-compatible\">ok</span>");
		if (v->has_response) {
			strbuf_addstr(out, ", <code>");
			esc(out, v->handler ? v->handler : "the handler");
			strbuf_addf(out, "</code> answered <b>%d</b> (%lld bytes", v->status, v->body_bytes);
			for (size_t k = 0; k < v->n_headers; k++)
				if (!strncmp(v->headers[k], "content-type:", 13)) {
					strbuf_addstr(out, ", <code>");
					esc(out, v->headers[k]);
					strbuf_addstr(out, "</code>");
				}
			strbuf_addch(out, ')');
		} else if (v->result) {
			strbuf_addstr(out, ", returned <code>");
			esc(out, v->result);
			strbuf_addstr(out, "</code>");
		} else if (!v->handler) {
			strbuf_addstr(out, ", imported (no handler: no class Default with fetch, no on_fetch)");
		}
	} else {
		strbuf_addstr(out, "<span class=\"over\">failed</span>: ");
		if (v->handler) {
			strbuf_addstr(out, "<code>");
			esc(out, v->handler);
			strbuf_addstr(out, "</code> raised ");
		}
		esc(out, v->error_type ? v->error_type : "error");
		strbuf_addstr(out, ": ");
		esc(out, v->message);
		if (v->frame) {
			strbuf_addstr(out, " at <code>");
			esc(out, v->frame);
			strbuf_addstr(out, "</code>");
			if (v->frame_dist) {
				strbuf_addstr(out, " (");
				esc(out, v->frame_dist);
				strbuf_addch(out, ')');
			}
		}
		if (v->kept_by) {
			strbuf_addstr(out, "; ");
			esc(out, v->kept_by);
		}
	}
	if (v->note) {
		strbuf_addstr(out, " (note: ");
		esc(out, v->note);
		strbuf_addch(out, ')');
	}
	strbuf_addstr(out, "</li>\n");
}

static void bundle_gate_html(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle_gate *g = r->gate;
	const struct shaker *s = r->shaker;
	struct gate_headline h;
	size_t warnings;
	static const char *const cls[] = { "fail", "fail", "warn", "pass" };

	report_gate_headline(r, &h);
	warnings = h.warnings;
	strbuf_addf(out, "<div id=\"gate\" class=\"gate %s\"><b>", cls[h.state]);
	report_gate_bold(out, &h);
	strbuf_addstr(out, "</b>");
	report_gate_rest(out, &h);
	if (h.state == GATE_VERIFY_FAILED)
		strbuf_addch(out, '.');
	if (h.state == GATE_FAILED) {
		strbuf_addstr(out, "<ul>");
		for (size_t i = 0; i < g->failures.n; i++) {
			strbuf_addstr(out, "<li>");
			esc(out, g->failures.v[i]);
			strbuf_addstr(out, "</li>");
		}
		strbuf_addstr(out, "</ul>");
	}
	if (warnings) {
		strbuf_addstr(out, "<ul id=\"warnings\">");
		for (size_t i = 0; i < s->drops.n; i++) {
			const struct shake_drop *d = &s->drops.v[i];
			if (!d->hard)
				continue;
			strbuf_addstr(out, "<li>warning: missing <code>");
			esc(out, d->name);
			strbuf_addstr(out, "</code>: ");
			esc(out, d->why);
			if (d->from) {
				strbuf_addstr(out, " (<code>");
				esc(out, d->from);
				strbuf_addstr(out, "</code> at <code>");
				esc(out, report_drop_file(r, d));
				strbuf_addf(out, ":%d</code>)", d->line);
			}
			strbuf_addstr(out, "</li>");
		}
		strbuf_addstr(out, "</ul>");
	}
	strbuf_addstr(out, "</div>\n");
}

static void bundle_limits_html(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle_gate *g = r->gate;

	if (!g || !g->limits.n)
		return;
	strbuf_addstr(out, "<h2>Limits</h2>\n<table id=\"limits\"><thead><tr><th>limit</th><th>measure</th><th>used</th>"
			   "<th>limit</th><th>headroom</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < g->limits.n; i++) {
		const struct limit_result *lr = &g->limits.v[i];
		strbuf_addf(out, "<tr%s data-limit=\"", lr->headroom < 0 ? " class=\"over\"" : "");
		esc(out, lr->limit->name);
		strbuf_addstr(out, "\"><td>");
		esc(out, lr->limit->name);
		strbuf_addf(out, "%s</td><td>%s</td><td>", lr->binds ? " (binds)" : "", lr->limit->measure);
		struct strbuf u = STRBUF_INIT;
		report_limit_used(&u, r, lr);
		esc(out, u.buf);
		strbuf_release(&u);
		strbuf_addstr(out, "</td>");
		size_cell(out, lr->limit->bytes);
		size_cell(out, lr->headroom);
		/* the source under its limit, across the row: it is long */
		strbuf_addstr(out, "</tr>\n<tr class=\"source\"><td colspan=\"5\" class=\"text\">source: ");
		esc_linked(out, lr->limit->source);
		strbuf_addstr(out, "; ");
		esc(out, lr->limit->date);
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</tbody></table>\n");
}

void report_bundle_html(struct strbuf *out, const struct bundle_report *r)
{
	struct strbuf j = STRBUF_INIT, title = STRBUF_INIT;

	strbuf_addf(&title, "pymode-bundle: bundle of %s for %s", r->app_name ? r->app_name : r->entry_module,
		    r->target);
	strbuf_addstr(out, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(out, title.buf);
	strbuf_addf(out, "</title>\n<style>\n%s%s</style></head><body>\n<h1 id=\"title\">", css, treemap_css);
	esc(out, title.buf);
	strbuf_addstr(out, "</h1>\n<p class=\"sub\">entry <code>");
	esc(out, r->entry_module);
	strbuf_addstr(out, "</code>");
	if (r->profile_python) {
		strbuf_addstr(out, " · <span id=\"profile\">Python ");
		esc(out, r->profile_python);
		if (r->profile_runtime) {
			strbuf_addstr(out, " on ");
			esc(out, r->profile_runtime);
		}
		if (r->profile_why) {
			strbuf_addstr(out, " (");
			esc(out, r->profile_why);
			strbuf_addch(out, ')');
		}
		strbuf_addstr(out, "</span>");
	}
	if (r->profile_note) {
		strbuf_addstr(out, "<br>note: ");
		esc(out, r->profile_note);
	}
	strbuf_addstr(out, "</p>\n");
	bundle_gate_html(out, r);
	if (r->n_verify) {
		strbuf_addstr(out, "<h2>Verify</h2><ul id=\"verify\">\n");
		for (size_t i = 0; i < r->n_verify; i++)
			verify_html(out, &r->verify[i]);
		strbuf_addstr(out, "</ul>\n");
	}
	if (r->bundle) {
		const struct bundle *b = r->bundle;
		strbuf_addstr(out, "<p id=\"summary\">Total Upload: ");
		report_size(out, b->total_raw);
		strbuf_addstr(out, " / gzip: ");
		report_size(out, b->total_gzip);
		strbuf_addstr(out, " / brotli: ");
		report_size(out, b->total_brotli);
		strbuf_addstr(out, "</p>\n");
	}
	if (r->memory) {
		const struct bundle_memory *m = r->memory;
		struct strbuf note = STRBUF_INIT;
		strbuf_addstr(out, "<p id=\"memory\"><b>Memory</b>: ~");
		report_size(out, m->total_bytes);
		if (m->limit_bytes) {
			strbuf_addstr(out, " of ");
			report_size(out, m->limit_bytes);
		}
		strbuf_addstr(out, " = ");
		report_size(out, m->runtime_bytes);
		strbuf_addch(out, ' ');
		esc(out, report_runtime_name(r));
		strbuf_addstr(out, " + ");
		report_size(out, m->estimate_bytes);
		strbuf_addstr(out, " for the app (");
		strbuf_reset(&note);
		report_memory_band(m, &note);
		esc(out, note.buf);
		if (m->peak_module || m->largest_module) {
			strbuf_addstr(out, m->peak_module ? "; peak compiling <code>" : "; largest module <code>");
			esc(out, m->peak_module ? m->peak_module : m->largest_module);
			strbuf_addstr(out, "</code>");
		}
		strbuf_addch(out, ')');
		for (size_t i = 0; report_memory_note(r, i, &note); i++) {
			strbuf_addstr(out, "<br>note: ");
			esc(out, note.buf);
		}
		strbuf_release(&note);
		strbuf_addstr(out, "</p>\n");
	}
	bundle_limits_html(out, r);
	if (r->bundle) {
		strbuf_addstr(out, "<h2>By package</h2>\n<div id=\"controls\">size: <select id=\"measure\">"
				   "<option value=\"gzip\">gzip</option><option value=\"brotli\">brotli</option>"
				   "<option value=\"raw\">raw</option></select></div>\n"
				   "<div id=\"map\" role=\"img\" aria-label=\"treemap of the bundle by package\"></div>\n"
				   "<ul id=\"legend\"></ul>\n");
	}
	if (r->audit && r->audit->packages.n) {
		strbuf_addstr(out, "<h2>Verdicts</h2>\n");
		verdicts_html(out, r->audit);
	}
	report_bundle_json(&j, r);
	strbuf_addstr(out, "<script id=\"report\" type=\"application/json\">");
	/* inside <script>, "</" would end it: JSON lets "<\/" stand for "</" */
	for (size_t i = 0; i < j.len; i++) {
		if (j.buf[i] == '<' && i + 1 < j.len && j.buf[i + 1] == '/')
			strbuf_addstr(out, "<\\");
		else
			strbuf_addch(out, j.buf[i]);
	}
	strbuf_addstr(out, "</script>\n");
	if (r->bundle)
		strbuf_addf(out, "<script>\n%s</script>\n", treemap_js);
	else
		strbuf_addstr(out, "<script>document.body.dataset.ready='1';</script>\n");
	strbuf_addstr(out, "</body></html>\n");
	strbuf_release(&j);
	strbuf_release(&title);
}
