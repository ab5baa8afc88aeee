/* html.c: the bundle's report as one self-contained HTML page: a treemap
 * of the bundle by package and file (as webpack-bundle-analyzer draws
 * one), switchable between raw, gzip and brotli, the limits with their
 * headroom, and the gate. The data is the JSON report, inlined; the page
 * fetches nothing. Rendering only. */
#include "report.h"

#include <string.h>

static const char page_head[] =
	"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>pymode-bundle report</title>\n<style>\n"
	"body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}\n"
	"h1{font-size:18px;margin:0 0 8px}\n"
	"#controls{margin:8px 0}\n"
	"#map{position:relative;width:100%;height:560px;border:1px solid #999;background:#eee}\n"
	".pkg{position:absolute;box-sizing:border-box;border:2px solid #fff;overflow:hidden}\n"
	".pkg>.label{font-weight:600;padding:2px 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
	".file{position:absolute;box-sizing:border-box;border:1px solid rgba(255,255,255,.6);overflow:hidden;"
	"font-size:11px;padding:1px 2px;white-space:nowrap;text-overflow:ellipsis}\n"
	"table{border-collapse:collapse;margin-top:12px}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
	"td:first-child,th:first-child{text-align:left}\n.over{color:#b00;font-weight:600}\n"
	"</style></head><body>\n"
	"<h1 id=\"title\">pymode-bundle report</h1>\n"
	"<div id=\"summary\"></div>\n"
	"<div id=\"controls\">size: <select id=\"measure\"><option value=\"gzip\">gzip</option>"
	"<option value=\"brotli\">brotli</option><option value=\"raw\">raw</option></select></div>\n"
	"<div id=\"map\" role=\"img\" aria-label=\"treemap of the bundle by package\"></div>\n"
	"<table id=\"packages\"><thead><tr><th>package</th><th>files</th><th>raw</th><th>gzip</th>"
	"<th>brotli</th><th>share</th></tr></thead><tbody></tbody></table>\n"
	"<table id=\"limits\"><thead><tr><th>limit</th><th>measure</th><th>limit</th><th>used</th>"
	"<th>headroom</th><th>source</th></tr></thead><tbody></tbody></table>\n"
	"<div id=\"gate\"></div>\n"
	"<script id=\"report\" type=\"application/json\">";

static const char page_tail[] =
	"</script>\n<script>\n"
	"(function(){\n"
	"var R=JSON.parse(document.getElementById('report').textContent);\n"
	"var S=R.bundle.sizes;\n"
	"function fmt(n){if(n<1024)return n+' B';if(n<1048576)return (n/1024).toFixed(1)+' KiB';"
	"return (n/1048576).toFixed(2)+' MiB';}\n"
	"function esc(s){return String(s).replace(/[&<>\"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','\"':'&quot;'}[c];});}\n"
	"document.getElementById('title').textContent='pymode-bundle: '+R.entry+' for '+R.target;\n"
	"document.getElementById('summary').textContent='Total Upload: '+fmt(S.total.raw)+' / gzip: '+"
	"fmt(S.total.gzip)+' / brotli: '+fmt(S.total.brotli);\n"
	"var pkgs={};S.files.forEach(function(f){var p=f.package||(f.output=='stdlib.zip'?'stdlib':f.output);"
	"(pkgs[p]=pkgs[p]||[]).push(f);});\n"
	/* squarified treemap (Bruls, Huizing, van Wijk) */
	"function worst(row,w,sum){var mx=0,mn=1/0;row.forEach(function(r){mx=Math.max(mx,r.v);mn=Math.min(mn,r.v);});"
	"var s2=sum*sum,w2=w*w;return Math.max(w2*mx/s2,s2/(w2*mn));}\n"
	"function squarify(items,x,y,w,h){var out=[],rest=items.slice().filter(function(i){return i.v>0;});"
	"var total=rest.reduce(function(a,b){return a+b.v;},0);if(!total)return out;"
	"var scale=w*h/total;rest.forEach(function(i){i.a=i.v*scale;});\n"
	"while(rest.length){var side=Math.min(w,h),row=[],sum=0;"
	"while(rest.length){var c=rest[0],nr=row.concat([{v:c.a}]),ns=sum+c.a;"
	"if(row.length&&worst(nr,side,ns)>worst(row.map(function(r){return {v:r.a};}),side,sum))break;"
	"row.push(rest.shift());sum=ns;}\n"
	"var t=sum/side,o=0;row.forEach(function(r){var l=r.a/t;"
	"if(w>=h)out.push({i:r,x:x,y:y+o,w:t,h:l});else out.push({i:r,x:x+o,y:y,w:l,h:t});o+=l;});"
	"if(w>=h){x+=t;w-=t;}else{y+=t;h-=t;}}\nreturn out;}\n"
	"var colors=['#4e79a7','#f28e2b','#e15759','#76b7b2','#59a14f','#edc948','#b07aa1','#ff9da7','#9c755f','#bab0ac'];\n"
	"function draw(){var m=document.getElementById('measure').value,map=document.getElementById('map');"
	"map.innerHTML='';var W=map.clientWidth,H=map.clientHeight;\n"
	"var items=Object.keys(pkgs).map(function(p){return {name:p,v:pkgs[p].reduce(function(a,f){return a+f[m];},0)};})"
	".sort(function(a,b){return b.v-a.v;});\n"
	"squarify(items,0,0,W,H).forEach(function(r,k){var d=document.createElement('div');d.className='pkg';"
	"d.dataset.package=r.i.name;d.style.left=r.x+'px';d.style.top=r.y+'px';d.style.width=r.w+'px';"
	"d.style.height=r.h+'px';d.style.background=colors[k%colors.length];"
	"d.title=r.i.name+': '+fmt(r.i.v)+' '+m;var lab=document.createElement('div');lab.className='label';"
	"lab.textContent=r.i.name+' '+fmt(r.i.v);d.appendChild(lab);\n"
	"var files=pkgs[r.i.name].map(function(f){return {name:f.path,v:f[m]};}).sort(function(a,b){return b.v-a.v;});"
	"squarify(files,0,18,Math.max(r.w-4,0),Math.max(r.h-22,0)).forEach(function(q){var e=document.createElement('div');"
	"e.className='file';e.style.left=q.x+'px';e.style.top=q.y+'px';e.style.width=q.w+'px';e.style.height=q.h+'px';"
	"e.title=q.i.name+': '+fmt(q.i.v)+' '+m;if(q.w>40&&q.h>12)e.textContent=q.i.name;d.appendChild(e);});\n"
	"map.appendChild(d);});}\n"
	"var tb=document.querySelector('#packages tbody');S.packages.forEach(function(p){tb.insertAdjacentHTML('beforeend',"
	"'<tr><td>'+esc(p.name)+'</td><td>'+p.files+'</td><td>'+fmt(p.raw)+'</td><td>'+fmt(p.gzip)+'</td><td>'+fmt(p.brotli)+"
	"'</td><td>'+(100*p.share).toFixed(1)+'%</td></tr>');});\n"
	"var lb=document.querySelector('#limits tbody');(R.bundle.limits||[]).forEach(function(l){lb.insertAdjacentHTML('beforeend',"
	"'<tr'+(l.over?' class=\"over\"':'')+'><td>'+esc(l.name)+(l.binds?' (binds)':'')+'</td><td>'+esc(l.measure)+'</td><td>'+"
	"fmt(l.bytes)+'</td><td>'+fmt(l.used)+'</td><td>'+fmt(l.headroom)+'</td><td>'+esc(l.source+', '+l.date)+'</td></tr>');});\n"
	"var g=R.bundle.budget;document.getElementById('gate').textContent=g.failed?'Gate failed: '+g.failures.join('; '):'Gate passed.';\n"
	"document.getElementById('measure').addEventListener('change',draw);draw();\n"
	"document.body.dataset.ready='1';\n"
	"})();\n</script>\n</body></html>\n";

void report_bundle_html(struct strbuf *out, const struct bundle_report *r)
{
	struct strbuf j = STRBUF_INIT;

	report_bundle_json(&j, r);
	strbuf_addstr(out, page_head);
	/* inside <script>, "</" would end it: JSON lets "<\/" stand for "</" */
	for (size_t i = 0; i < j.len; i++) {
		if (j.buf[i] == '<' && i + 1 < j.len && j.buf[i + 1] == '/')
			strbuf_addstr(out, "<\\");
		else
			strbuf_addch(out, j.buf[i]);
	}
	strbuf_addstr(out, page_tail);
	strbuf_release(&j);
}
